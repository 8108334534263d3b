namespace ReasonFlux.Reasoning;

/// <summary>A problem to solve.</summary>
/// <param name="Problem">The problem statement as the user wrote it.</param>
public sealed record SolveRequest(string Problem);
