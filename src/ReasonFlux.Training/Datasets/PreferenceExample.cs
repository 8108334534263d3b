namespace ReasonFlux.Training.Datasets;

/// <summary>One preference pair for DPO: the same prompt with a better and a worse response.</summary>
/// <param name="Source">Where it came from (problem id and trajectory numbers); not written to the data file.</param>
/// <param name="Prompt">The user turn.</param>
/// <param name="Chosen">The better response.</param>
/// <param name="Rejected">The worse response.</param>
/// <param name="ChosenScore">The chosen response's score (e.g. its success rate), written as <c>chosen_score</c>.</param>
/// <param name="RejectedScore">The rejected response's score, written as <c>rejected_score</c>.</param>
/// <param name="System">A system prompt, or null.</param>
public sealed record PreferenceExample(string Source, string Prompt, string Chosen, string Rejected, double ChosenScore, double RejectedScore, string? System = null);
