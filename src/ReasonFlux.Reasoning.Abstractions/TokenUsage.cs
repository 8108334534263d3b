namespace ReasonFlux.Reasoning;

/// <summary>Tokens spent, summed over every model call of a solve (the solvers read it from the solve's recorded model calls).</summary>
public readonly record struct TokenUsage(long PromptTokens, long CompletionTokens)
{
    /// <summary>Sum of two usages.</summary>
    public static TokenUsage operator +(TokenUsage a, TokenUsage b) => new(a.PromptTokens + b.PromptTokens, a.CompletionTokens + b.CompletionTokens);

    /// <summary>Same as <c>+</c>, for languages without operators.</summary>
    public static TokenUsage Add(TokenUsage a, TokenUsage b) => a + b;
}
