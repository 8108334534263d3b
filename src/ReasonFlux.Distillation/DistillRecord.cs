namespace ReasonFlux.Distillation;

/// <summary>One processed problem, exactly as the store keeps it.</summary>
/// <param name="Key">The problem's key (<see cref="SolvedProblem.Key"/>).</param>
/// <param name="Ordinal">Position of the problem among the sources, so outputs keep source order however the work interleaved.</param>
/// <param name="Outcome">One of <see cref="DistillOutcomes"/>.</param>
/// <param name="Reason">Why: the failed check, the parse error, the duplicate; "" when kept.</param>
/// <param name="Template">The template object as written to the library (with provenance) when kept, else the candidate read, or null.</param>
/// <param name="Chapter">The chapter the template was placed in, when kept.</param>
/// <param name="Section">The section the template was placed in, when kept.</param>
/// <param name="NewSection">True when no existing section fitted and the template opened one.</param>
/// <param name="DuplicateOf">The template it duplicates: a library id, or "distilled:NAME" for one distilled earlier.</param>
/// <param name="Similarity">Highest embedding similarity to a template already known, when it was measured.</param>
/// <param name="Calls">Model calls spent on the problem (distil, repair, judge).</param>
public sealed record DistillRecord(
    string Key, int Ordinal, string Outcome, string Reason, string? Template, string? Chapter, string? Section, bool NewSection,
    string? DuplicateOf, double? Similarity, int Calls);
