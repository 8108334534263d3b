namespace ReasonFlux.Evaluation.Benchmarks;

/// <summary>Which JSON fields of a JSONL benchmark hold what.</summary>
/// <param name="Problem">The problem text field.</param>
/// <param name="Answer">The gold answer field.</param>
/// <param name="Id">The id field; null tries <c>id</c>, <c>unique_id</c>, <c>idx</c>, then the line number.</param>
/// <param name="Solution">A worked solution field (for the reference solver); null when there is none.</param>
/// <param name="Subject">A subject field; null when there is none.</param>
/// <param name="Level">A difficulty level field; null when there is none.</param>
public sealed record JsonlFields(string Problem, string Answer, string? Id = null, string? Solution = null, string? Subject = null, string? Level = null)
{
    /// <summary>The common layout: <c>problem</c>, <c>answer</c>, and <c>solution</c>/<c>subject</c>/<c>level</c> when present.</summary>
    public static JsonlFields Default { get; } = new("problem", "answer", Solution: "solution", Subject: "subject", Level: "level");
}
