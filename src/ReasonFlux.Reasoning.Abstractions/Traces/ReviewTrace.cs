namespace ReasonFlux.Reasoning.Traces;

/// <summary>The navigator's judgement of one step's result.</summary>
/// <param name="Decision"><c>continue</c>, <c>redo</c> or <c>revise</c> (what the solver did, after the revision budget).</param>
/// <param name="Score">The navigator's 0–10 score of the step, when it gave one.</param>
/// <param name="Reason">The navigator's reason, or why the reply could not be read.</param>
/// <param name="Parsed">False when the reply could not be read and the solver went on as if told to continue.</param>
public sealed record ReviewTrace(string Decision, double? Score, string Reason, bool Parsed);
