namespace ReasonFlux.Grading;

/// <summary>An answer found in a model reply.</summary>
/// <param name="Text">The answer as written (LaTeX or plain text), without the wrapper it was found in.</param>
/// <param name="Rule">Which rule found it: <c>boxed</c>, <c>final-answer</c>, <c>answer-is</c>, <c>answer-colon</c>,
/// <c>latex</c>, <c>bare</c>, <c>last-number</c>, or for choices <c>choice-…</c>.</param>
/// <param name="Thinking">The <c>&lt;think&gt;…&lt;/think&gt;</c> part of the reply, removed before extraction; null when there was none.</param>
public sealed record ExtractedAnswer(string Text, string Rule, string? Thinking);
