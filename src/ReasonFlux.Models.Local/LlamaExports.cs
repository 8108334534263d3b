using System.Runtime.InteropServices;
using LLama.Native;

namespace ReasonFlux.Models.Local;

/// <summary>
/// llama.cpp entry points called directly, found in the library LLamaSharp loaded (through its own resolver, so the same
/// copy): the ones whose LLamaSharp wrappers take a process-wide lock or drop the result.
/// </summary>
internal static unsafe class LlamaExports
{
    private static readonly Lazy<IntPtr> Library = new(() => NativeLibrary.Load("llama", typeof(NativeApi).Assembly, null));
    private static readonly Lazy<IntPtr> DecodeExport = new(() => NativeLibrary.GetExport(Library.Value, "llama_decode"));
    private static readonly Lazy<IntPtr> MemoryExport = new(() => NativeLibrary.GetExport(Library.Value, "llama_get_memory"));
    private static readonly Lazy<IntPtr> PositionMinExport = new(() => NativeLibrary.GetExport(Library.Value, "llama_memory_seq_pos_min"));

    /// <summary>llama_decode on a context the caller holds a reference to.</summary>
    public static int Decode(IntPtr context, LLamaNativeBatch batch) =>
        ((delegate* unmanaged<IntPtr, LLamaNativeBatch, int>)DecodeExport.Value)(context, batch);

    /// <summary>
    /// Drops the cells of <paramref name="sequence"/> from position <paramref name="from"/> on; false when the memory kind
    /// cannot drop only part of a sequence (recurrent state), in which case nothing was removed.
    /// </summary>
    public static bool RemoveFrom(SafeLLamaContextHandle context, int sequence, int from) =>
        WithMemory(context, memory => NativeApi.llama_memory_seq_rm(memory, (LLamaSeqId)sequence, from, -1));

    /// <summary>
    /// The lowest position <paramref name="sequence"/> still has cells for, -1 when it has none. Above 0 when the memory
    /// dropped the start of the sequence (a sliding-window cache), so what is left cannot stand for the whole prefix.
    /// </summary>
    public static int FirstPosition(SafeLLamaContextHandle context, int sequence) =>
        WithMemory(context, memory => ((delegate* unmanaged<IntPtr, int, int>)PositionMinExport.Value)(memory, sequence));

    private static T WithMemory<T>(SafeLLamaContextHandle context, Func<IntPtr, T> use)
    {
        var added = false;
        try
        {
            context.DangerousAddRef(ref added);
            return use(((delegate* unmanaged<IntPtr, IntPtr>)MemoryExport.Value)(context.DangerousGetHandle()));
        }
        finally
        {
            if (added) context.DangerousRelease();
        }
    }
}
