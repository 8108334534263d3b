using System.Runtime.InteropServices;

namespace ReasonFlux.Templates;

/// <summary>
/// Hands the C heap's free memory back to the operating system. ONNX Runtime allocates through glibc's malloc from
/// its worker threads, and glibc keeps what they free in per-thread arenas: embedding the official library left 200 to
/// 600 MB resident for the life of the process (more with larger batches) although nothing used it any more.
/// </summary>
internal static class NativeHeap
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    /// <summary>Returns free heap pages to the OS (glibc only; elsewhere, or on musl, nothing happens).</summary>
    public static void Trim()
    {
        if (_unavailable) return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            _unavailable = true;
        }
    }

    // DllImport rather than LibraryImport: the signature is blittable, and LibraryImport would need unsafe code enabled.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);
}
