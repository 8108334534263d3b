namespace ReasonFlux.Reasoning.Traces;

/// <summary>Everything one trajectory sample did.</summary>
/// <param name="Index">0-based sample number.</param>
/// <param name="Outcome">How it ended: <c>completed</c>, <c>fallback</c> (navigator unreadable, solved directly) or <c>stopped</c> (a budget ended it),
/// <c>failed</c> (an error ended the solve) or <c>cancelled</c>.</param>
/// <param name="Note">Why the sample fell back, stopped or failed; null when it completed.</param>
/// <param name="Answer">The answer extracted from the sample, or null.</param>
/// <param name="ReviewScore">Mean of the navigator's step scores, or null when it gave none.</param>
/// <param name="FinalText">The reply the answer was taken from.</param>
/// <param name="Trajectories">Every version of the trajectory, oldest first.</param>
/// <param name="Retrievals">Every template search, in order.</param>
/// <param name="Steps">Every step attempt, in order.</param>
/// <param name="Calls">Every model call, in order.</param>
public sealed record SampleTrace(
    int Index,
    SampleOutcome Outcome,
    string? Note,
    string? Answer,
    double? ReviewScore,
    string FinalText,
    IReadOnlyList<TrajectoryVersion> Trajectories,
    IReadOnlyList<RetrievalTrace> Retrievals,
    IReadOnlyList<StepTrace> Steps,
    IReadOnlyList<ModelCallTrace> Calls);
