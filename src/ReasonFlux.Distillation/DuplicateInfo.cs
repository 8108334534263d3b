namespace ReasonFlux.Distillation;

/// <summary>A candidate left out as a duplicate.</summary>
/// <param name="Problem">The key of the problem it was distilled from.</param>
/// <param name="Of">The template it repeats: a library template id, or "distilled:NAME".</param>
/// <param name="Similarity">Embedding similarity to that template.</param>
/// <param name="Reason">How it was decided (embedding alone or the judge).</param>
public sealed record DuplicateInfo(string Problem, string Of, double Similarity, string Reason);
