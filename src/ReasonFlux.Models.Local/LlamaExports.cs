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

    /// <summary>llama_decode on a context the caller holds a reference to.</summary>
    public static int Decode(IntPtr context, LLamaNativeBatch batch) =>
        ((delegate* unmanaged<IntPtr, LLamaNativeBatch, int>)DecodeExport.Value)(context, batch);

    /// <summary>
    /// Drops the cells of <paramref name="sequence"/> from position <paramref name="from"/> on; false when the memory kind
    /// cannot drop only part of a sequence (recurrent state), in which case nothing was removed.
    /// </summary>
    public static bool RemoveFrom(SafeLLamaContextHandle context, int sequence, int from)
    {
        var added = false;
        try
        {
            context.DangerousAddRef(ref added);
            var memory = ((delegate* unmanaged<IntPtr, IntPtr>)MemoryExport.Value)(context.DangerousGetHandle());
            return NativeApi.llama_memory_seq_rm(memory, (LLamaSeqId)sequence, from, -1);
        }
        finally
        {
            if (added) context.DangerousRelease();
        }
    }
}
