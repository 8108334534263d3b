namespace ReasonFlux.Reasoning.Traces;

/// <summary>
/// Collects a solve's trace while it runs. Pass one in <see cref="SolveRequest.Trace"/> to a solver that records
/// traces (flux) to get the trace back; <see cref="Trace"/> is set when the solve completes.
/// </summary>
public sealed class TraceRecorder
{
    private readonly Lock _gate = new();
    private readonly List<SampleRecorder> _samples = [];
    private SolveTrace? _trace;

    /// <summary>The finished trace; null until the solve completes.</summary>
    public SolveTrace? Trace
    {
        get { lock (_gate) return _trace; }
    }

    internal SampleRecorder StartSample(int index)
    {
        var sample = new SampleRecorder(index);
        lock (_gate) _samples.Add(sample);
        return sample;
    }

    internal IReadOnlyList<SampleTrace> Samples()
    {
        lock (_gate) return [.. _samples.Select(s => s.ToTrace())];
    }

    internal void Complete(SolveTrace trace)
    {
        lock (_gate) _trace = trace;
    }
}
