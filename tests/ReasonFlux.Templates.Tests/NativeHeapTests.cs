using System.Globalization;
using System.Runtime.InteropServices;

namespace ReasonFlux.Templates.Tests;

public sealed class NativeHeapTests
{
    [Fact]
    public void Trim_hands_freed_heap_memory_back_to_the_os()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "malloc_trim is glibc's");
        // 100,000 small blocks freed below one block still in use: the shape ONNX Runtime's batches leave behind.
        // glibc keeps such memory resident (it can only shrink the heap from the top) until malloc_trim.
        const int blocks = 100_000;
        const int size = 1024;
        var memory = new IntPtr[blocks];
        for (var i = 0; i < blocks; i++)
        {
            memory[i] = Marshal.AllocHGlobal(size);
            Marshal.WriteByte(memory[i], 0, 1);
        }
        var top = Marshal.AllocHGlobal(size);
        foreach (var block in memory) Marshal.FreeHGlobal(block);

        var before = ResidentBytes();
        NativeHeap.Trim();
        var after = ResidentBytes();
        Marshal.FreeHGlobal(top);

        Assert.True(before - after > 50L << 20, $"resident {before >> 20} MB before the trim, {after >> 20} MB after");
    }

    private static long ResidentBytes() =>
        long.Parse(File.ReadAllText("/proc/self/statm").Split(' ')[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
}
