using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ReasonFlux.Benchmarks;

/// <summary>CPU time of the calling thread (Linux <c>clock_gettime</c>), so figures taken on a busy machine are not inflated by waiting; the process's CPU time elsewhere.</summary>
internal static class ThreadCpuClock
{
    public static double Microseconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(3 /* CLOCK_THREAD_CPUTIME_ID */, out var ts) == 0) return ts.Seconds * 1e6 + ts.Nanoseconds / 1e3;
        return Process.GetCurrentProcess().TotalProcessorTime.TotalMicroseconds;
    }

    public static double Milliseconds() => Microseconds() / 1e3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
