namespace ReasonFlux.Reasoning.Traces;

/// <summary>One search of the template library.</summary>
/// <param name="Step">The 1-based step the search was for, or null for the trajectory's main template.</param>
/// <param name="Mode"><c>hierarchical</c> or <c>flat</c>.</param>
/// <param name="Query">What was searched: the free-text query, or for hierarchical search "category | direction | method".</param>
/// <param name="Hits">The templates found, best first.</param>
/// <param name="Chosen">The id of the template the solver went on with, or null when it used none.</param>
public sealed record RetrievalTrace(int? Step, string Mode, string Query, IReadOnlyList<RetrievedTemplate> Hits, string? Chosen);
