using ReasonFlux.ModelCalls;

namespace ReasonFlux.Reasoning.Traces;

/// <summary>
/// Collects a solve's trace while it runs: the solver's own steps, and every model call through <see cref="Calls"/>, the
/// solve's recording layer. Pass one in <see cref="SolveRequest.Trace"/> to get the trace back also when the solve fails;
/// <see cref="Trace"/> is set when the solve ends.
/// </summary>
public sealed class TraceRecorder
{
    private readonly Lock _gate = new();
    private readonly List<SampleRecorder> _samples = [];
    private SolveTrace? _trace;

    /// <summary>Every model call of the solve, as the solver's recording middleware recorded them.</summary>
    public ModelCallRecorder Calls { get; } = new();

    /// <summary>The finished trace; null until the solve completes.</summary>
    public SolveTrace? Trace
    {
        get { lock (_gate) return _trace; }
    }

    internal SampleRecorder StartSample(int index)
    {
        var sample = new SampleRecorder(index, Calls);
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
