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

    /// <summary>llama_decode, called directly (no LLamaSharp lock).</summary>
    public static DecodeResult Decode(SafeLLamaContextHandle context, LLamaNativeBatch batch)
    {
        using var held = new HeldContext(context);
        return (DecodeResult)((delegate* unmanaged<IntPtr, LLamaNativeBatch, int>)DecodeExport.Value)(held.Handle, batch);
    }

    /// <summary>
    /// Drops the cells of <paramref name="sequence"/> from position <paramref name="from"/> on; false when the memory kind
    /// cannot drop only part of a sequence (recurrent state), in which case nothing was removed.
    /// </summary>
    public static bool RemoveFrom(SafeLLamaContextHandle context, int sequence, int from)
    {
        using var held = new HeldContext(context);
        return NativeApi.llama_memory_seq_rm(Memory(held.Handle), (LLamaSeqId)sequence, from, -1);
    }

    /// <summary>
    /// The lowest position <paramref name="sequence"/> still has cells for, -1 when it has none. Above 0 when the memory
    /// dropped the start of the sequence (a sliding-window cache), so what is left cannot stand for the whole prefix.
    /// </summary>
    public static int FirstPosition(SafeLLamaContextHandle context, int sequence)
    {
        using var held = new HeldContext(context);
        return ((delegate* unmanaged<IntPtr, int, int>)PositionMinExport.Value)(Memory(held.Handle), sequence);
    }

    private static IntPtr Memory(IntPtr context) => ((delegate* unmanaged<IntPtr, IntPtr>)MemoryExport.Value)(context);

    /// <summary>A reference on the context for the length of a native call, so that a dispose cannot free it mid-call.</summary>
    private ref struct HeldContext
    {
        private readonly SafeLLamaContextHandle _context;
        private readonly bool _added;

        public HeldContext(SafeLLamaContextHandle context)
        {
            _context = context;
            context.DangerousAddRef(ref _added);
            Handle = context.DangerousGetHandle();
        }

        public IntPtr Handle { get; }

        public void Dispose()
        {
            if (_added) _context.DangerousRelease();
        }
    }
}
