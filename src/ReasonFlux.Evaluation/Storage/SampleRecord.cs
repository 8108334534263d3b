namespace ReasonFlux.Evaluation.Storage;

/// <summary>One graded sample, exactly as stored.</summary>
/// <param name="ProblemId">The problem's id.</param>
/// <param name="SampleIndex">0-based sample number (0 to k-1).</param>
/// <param name="Prompt">The problem text given to the solver.</param>
/// <param name="Reply">The solver's full reply ("" when it failed).</param>
/// <param name="Extracted">The answer extracted from the reply, or null.</param>
/// <param name="Correct">Whether the extracted answer is equivalent to the gold one.</param>
/// <param name="Verdict">The grader's reason.</param>
/// <param name="PromptTokens">Prompt tokens of every call.</param>
/// <param name="CompletionTokens">Generated tokens of every call.</param>
/// <param name="LatencyMs">Wall time of the solve.</param>
/// <param name="Error">Failure message, or null when the solve completed.</param>
/// <param name="Failure">Why the sample is not correct: see <see cref="FailureKinds"/>; null when correct.</param>
public sealed record SampleRecord(
    string ProblemId, int SampleIndex, string Prompt, string Reply, string? Extracted, bool Correct, string Verdict,
    long PromptTokens, long CompletionTokens, long LatencyMs, string? Error, string? Failure)
{
    /// <summary>The solver's own answer (what was graded), or null when it gave none; re-graded by <c>reasonflux regrade</c>.</summary>
    public string? Answer { get; init; }

    /// <summary>The solve's trace as JSON (flux runs), or null when the solver records none.</summary>
    public string? Trace { get; init; }
}
