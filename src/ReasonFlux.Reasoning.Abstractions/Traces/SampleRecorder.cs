using ReasonFlux.ModelCalls;
using ReasonFlux.Reasoning.Flux;

namespace ReasonFlux.Reasoning.Traces;

/// <summary>The growing trace of one sample; its model calls are the solve's recorded calls labelled with this sample. Thread-safe.</summary>
internal sealed class SampleRecorder(int index, ModelCallRecorder calls)
{
    private readonly Lock _gate = new();
    private readonly List<TrajectoryVersion> _trajectories = [];
    private readonly List<RetrievalTrace> _retrievals = [];
    private readonly List<StepTrace> _steps = [];

    public int Index { get; } = index;
    public SampleOutcome Outcome { get; set; } = SampleOutcome.Completed;
    public string? Note { get; set; }
    public string? Answer { get; set; }
    public double? ReviewScore { get; set; }
    public string FinalText { get; set; } = "";

    public void AddTrajectory(TrajectoryChange change, string reason, Trajectory trajectory)
    {
        lock (_gate) _trajectories.Add(new TrajectoryVersion(_trajectories.Count + 1, reason, trajectory, change));
    }

    public void AddRetrieval(RetrievalTrace retrieval)
    {
        lock (_gate) _retrievals.Add(retrieval);
    }

    public void AddStep(StepTrace step)
    {
        lock (_gate) _steps.Add(step);
    }

    public SampleTrace ToTrace()
    {
        var recorded = calls.ForSample(Index);
        lock (_gate)
            return new SampleTrace(Index, Outcome, Note, Answer, ReviewScore, FinalText, [.. _trajectories], [.. _retrievals], [.. _steps],
                [.. recorded.Select((call, i) => ModelCallTrace.From(i, call))]);
    }
}
