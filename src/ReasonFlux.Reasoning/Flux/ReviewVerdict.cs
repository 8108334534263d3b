namespace ReasonFlux.Reasoning.Flux;

/// <summary>What the navigator decided after reviewing a step.</summary>
/// <param name="Decision"><c>continue</c>, <c>redo</c> (the step again) or <c>revise</c> (re-plan the remaining steps).</param>
/// <param name="Score">The navigator's 0–10 score of the step, when given.</param>
/// <param name="Reason">The navigator's reason, or what could not be read.</param>
/// <param name="Parsed">False when the reply could not be read; the decision is then <c>continue</c>.</param>
public sealed record ReviewVerdict(string Decision, double? Score, string Reason, bool Parsed);
