using LLama;
using LLama.Abstractions;
using LLama.Native;

namespace ReasonFlux.Models.Local;

/// <summary>
/// Decodes every concurrent request of one model together: one llama.cpp context whose KV cache is split into
/// <see cref="Slots"/> sequences, one loop thread that puts the next token of every active sequence (and chunks of new
/// prompts) into a single batch per step, then samples each sequence with its own sampler. On a CPU a step over eight
/// sequences costs little more than a step over one, so concurrent requests gain throughput instead of queueing on
/// separate contexts; and a request no longer pays for creating a context, nor for decoding again the start of its
/// prompt that a free slot still holds (<see cref="KvPrefixCache"/>).
/// </summary>
internal sealed class BatchedDecoder : IDisposable
{
    private readonly LLamaContext _context;
    private readonly SafeLlamaModelHandle.Vocabulary _vocab;
    private readonly int _batchSize;
    private readonly object _gate = new();
    private readonly SequenceScheduler<DecodingSequence> _scheduler;
    private readonly AutoResetEvent _wake = new(false);
    private readonly DecodeActivity? _activity;
    private readonly KvPrefixCache _prefixes;
    private Thread? _loop;
    private bool _disposed;

    public BatchedDecoder(LLamaWeights weights, IContextParams parameters, int slots, DecodeActivity? activity = null)
    {
        _activity = activity;
        _context = weights.CreateContext(parameters);
        _vocab = weights.Vocab;
        _batchSize = (int)_context.BatchSize;
        _scheduler = new SequenceScheduler<DecodingSequence>(slots);
        _prefixes = new KvPrefixCache(slots);
        SequenceContext = (int)_context.ContextSize / slots;
    }

    /// <summary>Sequences decoded together at most; further requests wait for a free slot.</summary>
    public int Slots => _scheduler.Slots;

    /// <summary>KV-cache cells of one slot: the longest prompt plus output a request can have.</summary>
    public int SequenceContext { get; }

    /// <summary>Sequences active or waiting here now.</summary>
    public int Pending
    {
        get
        {
            lock (_gate) return _scheduler.Active + _scheduler.Waiting;
        }
    }

    /// <summary>Whether a new prompt reuses the KV cells a free slot holds from its last sequence (on unless switched off).</summary>
    public bool ReusePrefixes { get; init; } = true;

    /// <summary>The longest start of <paramref name="prompt"/> a free slot here holds already (0 when reuse is off).</summary>
    public int ReusablePrefix(ReadOnlySpan<LLamaToken> prompt)
    {
        if (!ReusePrefixes) return 0;
        lock (_gate) return _prefixes.Best(prompt, _scheduler.InUse);
    }

    /// <summary>The most sequences that were ever active at once (for tests and benchmarks).</summary>
    public int PeakActive { get; private set; }

    /// <summary>Queues a sequence; its <see cref="DecodingSequence.Output"/> streams the reply.</summary>
    public void Submit(DecodingSequence sequence)
    {
        if (sequence.Prompt.Length == 0) throw new ModelBackendException("the prompt is empty; an in-process model needs at least one token");
        if (sequence.MaxTokens <= 0)
        {
            sequence.EndEmpty();
            return;
        }
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _scheduler.Enqueue(sequence);
            if (_loop is null)
            {
                _loop = new Thread(Run) { IsBackground = true, Name = "llama batched decode" };
                _loop.Start();
            }
        }
        _wake.Set();
    }

    /// <summary>Makes the loop look at cancellations now rather than after its current step.</summary>
    public void Wake() => _wake.Set();

    private void Run()
    {
        var batch = new NativeTokenBatch(_batchSize);
        var order = new List<(int Slot, DecodingSequence Item)>();
        var live = new List<DecodingSequence>();
        var cancelled = new List<DecodingSequence>();
        Func<DecodingSequence, int, int>? slotPreference = ReusePrefixes ? (s, slot) => _prefixes.CommonPrefix(slot, s.Prompt) : null;
        while (true)
        {
            lock (_gate)
            {
                if (_disposed) return;
                _scheduler.RemoveWaiting(static s => s.IsCancelled, cancelled);
                while (_scheduler.TryAdmit(out var admitted, out var slot, slotPreference))
                    Admit(admitted, slot);
                PeakActive = Math.Max(PeakActive, _scheduler.Active);
                _scheduler.RoundRobin(order);
            }
            live.Clear();
            foreach (var (_, s) in order)
            {
                if (s.IsCancelled) cancelled.Add(Evict(s));
                else live.Add(s);
            }
            if (cancelled.Count > 0)
            {
                foreach (var s in cancelled) s.Fail(new OperationCanceledException("the request was cancelled"));
                cancelled.Clear();
                continue;
            }
            if (live.Count == 0)
            {
                _wake.WaitOne();
                continue;
            }
            Step(batch, live);
        }
    }

    /// <summary>
    /// Gives the sequence its slot: the cells holding the start of its prompt stay (at least the last prompt token is
    /// decoded again, for its logits), the rest are cleared.
    /// </summary>
    private void Admit(DecodingSequence s, int slot)
    {
        s.Slot = slot;
        var reuse = ReusePrefixes ? Math.Min(_prefixes.CommonPrefix(slot, s.Prompt), s.Prompt.Length - 1) : 0;
        _prefixes.Forget(slot);
        // Some memory kinds cannot drop only a tail (recurrent models), and a sliding-window cache may have dropped the
        // start of the sequence already; the slot then starts empty.
        if (!LlamaExports.RemoveFrom(_context.NativeHandle, slot, reuse) || (reuse > 0 && LlamaExports.FirstPosition(_context.NativeHandle, slot) != 0))
        {
            _context.NativeHandle.MemorySequenceRemove((LLamaSeqId)slot, -1, -1);
            reuse = 0;
        }
        s.PromptFed = s.ReusedPromptTokens = s.InCache = s.BatchEnd = reuse;
    }

    private void Step(NativeTokenBatch batch, List<DecodingSequence> live)
    {
        batch.Clear();
        // Every sequence that is generating gets its next token into this step; prompts fill what room is left, in
        // round-robin order, so a long prompt delays the others' next tokens by at most one batch.
        foreach (var s in live)
        {
            s.LogitIndex = -1;
            if (!s.PromptDone) continue;
            s.LogitIndex = batch.Add(s.LastToken, s.LastTokenPosition, s.Slot, true);
            s.BatchEnd = s.LastTokenPosition + 1;
        }
        var room = _batchSize - batch.TokenCount;
        foreach (var s in live)
        {
            if (s.PromptDone || room <= 0) continue;
            var n = Math.Min(room, s.Prompt.Length - s.PromptFed);
            for (var i = s.PromptFed; i < s.PromptFed + n; i++)
            {
                var last = i == s.Prompt.Length - 1;
                var index = batch.Add(s.Prompt[i], i, s.Slot, last);
                if (last) s.LogitIndex = index;
            }
            s.PromptFed += n;
            s.BatchEnd = s.PromptFed;
            room -= n;
        }

        DecodeResult result;
        try
        {
            result = batch.Decode(_context.NativeHandle, _activity);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            FailAll(live, new ModelBackendException($"llama.cpp decode failed ({ex.Message})", ex));
            return;
        }
        if (result != DecodeResult.Ok)
        {
            FailAll(live, new ModelBackendException($"llama.cpp decode failed ({result})", new LLama.Exceptions.LLamaDecodeError(result)));
            return;
        }
        foreach (var s in live) s.InCache = s.BatchEnd;
        foreach (var s in live)
        {
            if (s.LogitIndex < 0) continue;
            bool ended;
            try
            {
                ended = s.Step(_context.NativeHandle, _vocab);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Evict(s).Fail(new ModelBackendException($"sampling failed ({ex.Message})", ex));
                continue;
            }
            if (ended) Evict(s, keepCells: ReusePrefixes);
        }
    }

    private void FailAll(List<DecodingSequence> live, Exception error)
    {
        foreach (var s in live) Evict(s).Fail(error);
    }

    /// <summary>
    /// Frees the sequence's slot for the next waiting request. A sequence that ended normally may leave its cells for a
    /// later prompt that starts the same way; after a failure or a cancellation they are cleared.
    /// </summary>
    private DecodingSequence Evict(DecodingSequence s, bool keepCells = false)
    {
        if (!keepCells) _context.NativeHandle.MemorySequenceRemove((LLamaSeqId)s.Slot, -1, -1);
        var kept = keepCells ? s.TokensInCache() : null;
        lock (_gate)
        {
            if (kept is not null) _prefixes.Keep(s.Slot, kept);
            else _prefixes.Forget(s.Slot);
            _scheduler.Release(s.Slot);
        }
        s.Slot = -1;
        return s;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        _wake.Set();
        _loop?.Join();
        List<DecodingSequence> left;
        lock (_gate) left = _scheduler.Drain();
        foreach (var s in left) s.Fail(new ObjectDisposedException(nameof(GgufModel), "the model was disposed while the request was running"));
        _context.Dispose();
        _wake.Dispose();
    }
}
