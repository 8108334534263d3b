using System.Runtime.InteropServices;
using LLama.Native;

namespace ReasonFlux.Models.Local;

/// <summary>
/// A llama.cpp token batch in pinned arrays (one sequence id per token), decoded with a direct call to
/// <c>llama_decode</c>. LLamaSharp's own <c>Decode</c> holds one process-wide lock around every decode, a guard from
/// the GPU backends' days of shared state; on the CPU backend two contexts decode safely at once, and the lock would
/// make the decoder workers (one per core for small models) take turns instead of running side by side.
/// </summary>
internal sealed unsafe class NativeTokenBatch
{
    // Only the CPU backend is known to decode two contexts at once safely; with a GPU backend every decode takes turns.
    private static readonly Lazy<object?> BackendLock = new(() => NativeApi.llama_supports_gpu_offload() ? new object() : null);

    private readonly LLamaToken[] _tokens;
    private readonly LLamaPos[] _positions;
    private readonly int[] _sequenceCounts;
    private readonly LLamaSeqId[] _sequences;
    private readonly IntPtr[] _sequencePointers;
    private readonly byte[] _logits;

    public NativeTokenBatch(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _tokens = GC.AllocateArray<LLamaToken>(capacity, pinned: true);
        _positions = GC.AllocateArray<LLamaPos>(capacity, pinned: true);
        _sequenceCounts = GC.AllocateArray<int>(capacity, pinned: true);
        _sequences = GC.AllocateArray<LLamaSeqId>(capacity, pinned: true);
        _sequencePointers = GC.AllocateArray<IntPtr>(capacity, pinned: true);
        _logits = GC.AllocateArray<byte>(capacity, pinned: true);
        fixed (LLamaSeqId* first = _sequences)
            for (var i = 0; i < capacity; i++) _sequencePointers[i] = (IntPtr)(first + i);
        Array.Fill(_sequenceCounts, 1);
    }

    public int Capacity => _tokens.Length;

    public int TokenCount { get; private set; }

    public void Clear() => TokenCount = 0;

    /// <summary>Adds a token; returns its index in the batch (where its logits are when <paramref name="logits"/> is set).</summary>
    public int Add(LLamaToken token, int position, int sequence, bool logits)
    {
        if (TokenCount == Capacity) throw new InvalidOperationException($"the batch holds {Capacity} tokens");
        var i = TokenCount++;
        _tokens[i] = token;
        _positions[i] = position;
        _sequences[i] = (LLamaSeqId)sequence;
        _logits[i] = logits ? (byte)1 : (byte)0;
        return i;
    }

    /// <summary>Runs the model over the batch in <paramref name="context"/>; <paramref name="activity"/> sees the native call.</summary>
    public DecodeResult Decode(SafeLLamaContextHandle context, DecodeActivity? activity = null)
    {
        if (TokenCount == 0) return DecodeResult.Ok;
        var native = new LLamaNativeBatch
        {
            n_tokens = TokenCount,
            tokens = (LLamaToken*)Unsafe(_tokens),
            embd = null,
            pos = (LLamaPos*)Unsafe(_positions),
            n_seq_id = (int*)Unsafe(_sequenceCounts),
            seq_id = (LLamaSeqId**)Unsafe(_sequencePointers),
            logits = (byte*)Unsafe(_logits),
        };
        if (BackendLock.Value is { } gate)
        {
            lock (gate) return Call(context, native, activity);
        }
        return Call(context, native, activity);
    }

    private static DecodeResult Call(SafeLLamaContextHandle context, LLamaNativeBatch batch, DecodeActivity? activity)
    {
        activity?.Begin();
        try
        {
            return LlamaExports.Decode(context, batch);
        }
        finally
        {
            activity?.End();
        }
    }

    // The arrays were allocated pinned, so their addresses stay put for their lifetime.
    private static void* Unsafe<T>(T[] array) where T : unmanaged => System.Runtime.CompilerServices.Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
}
