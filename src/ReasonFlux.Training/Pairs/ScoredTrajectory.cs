namespace ReasonFlux.Training.Pairs;

/// <summary>One sampled trajectory of a problem with its score.</summary>
/// <param name="ProblemId">The benchmark problem's id.</param>
/// <param name="Index">0-based trajectory number (t of m).</param>
/// <param name="Prompt">The plan request sent to the navigator.</param>
/// <param name="Reply">The navigator's whole reply (what DPO trains on).</param>
/// <param name="Method">The method the plan named, or null when the reply could not be read as a plan.</param>
/// <param name="Correct">Instantiations graded correct.</param>
/// <param name="Attempts">Instantiations run (0 for an unreadable plan, which scores 0).</param>
public sealed record ScoredTrajectory(string ProblemId, int Index, string Prompt, string Reply, string? Method, int Correct, int Attempts)
{
    /// <summary>The success rate: correct / attempts, 0 when nothing ran.</summary>
    public double Score => Attempts == 0 ? 0 : (double)Correct / Attempts;
}
