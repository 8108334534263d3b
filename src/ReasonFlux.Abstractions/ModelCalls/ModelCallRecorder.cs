namespace ReasonFlux.ModelCalls;

/// <summary>
/// The model calls of one scope (a solve, a benchmark pass): every <see cref="ModelCallRecord"/> in the order the calls
/// finished, and running totals of tokens, failures and latency. Thread-safe: calls may finish on any thread.
/// </summary>
public sealed class ModelCallRecorder
{
    private readonly Lock _gate = new();
    private readonly List<ModelCallRecord> _records = [];
    private Tally _all;

    /// <summary>Adds one finished call.</summary>
    public void Record(ModelCallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            _records.Add(record);
            _all.Add(record);
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
        var found = new List<ModelCallRecord>();
        lock (_gate)
        {
            foreach (var r in _records)
            {
                if (r.Label.Sample == sample) found.Add(r);
            }
        }
        return found;
    }

    /// <summary>The totals so far, all from the same moment.</summary>
    public UsageTotals Totals
    {
        get
        {
            lock (_gate) return _all.ToTotals(_records.Count);
        }
    }

    /// <summary>The totals of one sample's calls.</summary>
    public UsageTotals TotalsFor(int sample)
    {
        // Folded in place: this runs once or more per solve, so no copy of the records is made.
        var tally = new Tally();
        var calls = 0;
        lock (_gate)
        {
            foreach (var r in _records)
            {
                if (r.Label.Sample != sample) continue;
                tally.Add(r);
                calls++;
            }
        }
        return tally.ToTotals(calls);
    }

    private struct Tally
    {
        private long _failedCalls;
        private long _callsWithoutUsage;
        private long _inputTokens;
        private long _outputTokens;
        private TimeSpan _latency;
        private TimeSpan _maxLatency;

        public void Add(ModelCallRecord record)
        {
            if (record.Error is not null) _failedCalls++;
            else if (record.Usage is not { } usage || (usage.InputTokenCount is null && usage.OutputTokenCount is null)) _callsWithoutUsage++;
            _inputTokens += record.InputTokens;
            _outputTokens += record.OutputTokens;
            _latency += record.Elapsed;
            if (record.Elapsed > _maxLatency) _maxLatency = record.Elapsed;
        }

        public readonly UsageTotals ToTotals(long calls) =>
            new(calls, _failedCalls, _callsWithoutUsage, _inputTokens, _outputTokens, _latency, _maxLatency);
    }
}
