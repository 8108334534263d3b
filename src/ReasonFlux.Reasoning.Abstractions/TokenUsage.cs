using ReasonFlux.ModelCalls;

namespace ReasonFlux.Reasoning;

/// <summary>Tokens spent, summed over every model call of a solve (read from its <see cref="ModelCallRecorder"/>).</summary>
public readonly record struct TokenUsage(long PromptTokens, long CompletionTokens)
{
    /// <summary>Sum of two usages.</summary>
    public static TokenUsage operator +(TokenUsage a, TokenUsage b) => new(a.PromptTokens + b.PromptTokens, a.CompletionTokens + b.CompletionTokens);

    /// <summary>The tokens of recorded calls.</summary>
    public static TokenUsage From(UsageTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return new(totals.PromptTokens, totals.CompletionTokens);
    }

    /// <summary>Same as <c>+</c>, for languages without operators.</summary>
    public static TokenUsage Add(TokenUsage a, TokenUsage b) => a + b;
}
