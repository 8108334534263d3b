namespace ReasonFlux.Reasoning;

/// <summary>One independent sample of a solve.</summary>
/// <param name="Text">The whole reply, thinking included.</param>
/// <param name="Thinking">The thinking block, without its tags; empty when the model did not think.</param>
/// <param name="AnswerText">The reply after the thinking block.</param>
/// <param name="Answer">The final answer extracted from the reply, or null when none was found.</param>
/// <param name="ThinkingTokens">Tokens generated inside the thinking block.</param>
/// <param name="Usage">Tokens of every call made for this sample.</param>
/// <param name="Truncated">True when the token cap cut the reply short.</param>
public sealed record SampleResult(string Text, string Thinking, string AnswerText, string? Answer, int ThinkingTokens, TokenUsage Usage, bool Truncated);
