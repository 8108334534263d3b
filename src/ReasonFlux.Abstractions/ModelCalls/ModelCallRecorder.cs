namespace ReasonFlux.ModelCalls;

/// <summary>
/// The model calls of one scope (a solve, a benchmark pass): every <see cref="ModelCallRecord"/> in the order the calls
/// finished, and running totals of tokens, failures and latency. Thread-safe: calls may finish on any thread.
/// </summary>
public sealed class ModelCallRecorder
{
    private readonly Lock _gate = new();
    private readonly List<ModelCallRecord> _records = [];
    private long _failedCalls;
    private long _callsWithoutUsage;
    private long _inputTokens;
    private long _outputTokens;
    private TimeSpan _latency;
    private TimeSpan _maxLatency;

    /// <summary>Adds one finished call.</summary>
    public void Record(ModelCallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _records.Add(record);
            if (record.Error is not null) _failedCalls++;
            else if (record.Usage is not { } usage || (usage.InputTokenCount is null && usage.OutputTokenCount is null)) _callsWithoutUsage++;
            _inputTokens += record.InputTokens;
            _outputTokens += record.OutputTokens;
            _latency += record.Elapsed;
            if (record.Elapsed > _maxLatency) _maxLatency = record.Elapsed;
        }
    }

    /// <summary>Every record so far, in the order the calls finished.</summary>
    public IReadOnlyList<ModelCallRecord> Records
    {
        get { lock (_gate) return [.. _records]; }
    }

    /// <summary>The records of one sample (<see cref="ModelCallLabel.Sample"/>), in the order they finished.</summary>
    public IReadOnlyList<ModelCallRecord> ForSample(int sample)
    {
        lock (_gate) return [.. _records.Where(r => r.Label.Sample == sample)];
    }

    /// <summary>The totals so far, all from the same moment.</summary>
    public UsageTotals Totals
    {
        get
        {
            lock (_gate) return new UsageTotals(_records.Count, _failedCalls, _callsWithoutUsage, _inputTokens, _outputTokens, _latency, _maxLatency);
        }
    }

    /// <summary>The totals of one sample's calls.</summary>
    public UsageTotals TotalsFor(int sample) => Sum(ForSample(sample));

    private static UsageTotals Sum(IReadOnlyList<ModelCallRecord> records)
    {
        var recorder = new ModelCallRecorder();
        foreach (var r in records) recorder.Record(r);
        return recorder.Totals;
    }
}
