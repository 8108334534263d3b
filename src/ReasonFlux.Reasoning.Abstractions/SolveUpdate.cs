namespace ReasonFlux.Reasoning;

/// <summary>One piece of a streamed solve.</summary>
public sealed record SolveUpdate(SolveUpdateKind Kind, string Text, int Sample = 0, Solution? Solution = null);
