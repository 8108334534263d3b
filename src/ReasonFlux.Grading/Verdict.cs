namespace ReasonFlux.Grading;

/// <summary>The outcome of a comparison and why.</summary>
/// <param name="Equivalent">Whether the predicted answer is equivalent to the gold one.</param>
/// <param name="Reason">A short explanation: which comparison decided (exact, numeric, symbolic, set, string…),
/// or why the answers could not be compared (no answer found, over the work bound).</param>
/// <param name="Gold">The gold answer as extracted, or null when none was found.</param>
/// <param name="Predicted">The predicted answer as extracted, or null when none was found.</param>
public sealed record Verdict(bool Equivalent, string Reason, ExtractedAnswer? Gold, ExtractedAnswer? Predicted);
