namespace ReasonFlux.Distillation;

/// <summary>The solved problems found in the sources, and how many were left out, by reason.</summary>
/// <param name="Problems">The problems to distil from, in source order.</param>
/// <param name="Skipped">Problems or traces left out (not graded correct, failed…), counted by reason.</param>
public sealed record SolvedProblemSet(IReadOnlyList<SolvedProblem> Problems, IReadOnlyDictionary<string, int> Skipped);
