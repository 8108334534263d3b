using Microsoft.Extensions.AI;
using ReasonFlux.Models.Middleware;

namespace ReasonFlux.Reasoning;

/// <summary>Tokens spent, summed over every model call of a solve.</summary>
public readonly record struct TokenUsage(long PromptTokens, long CompletionTokens)
{
    /// <summary>Sum of two usages.</summary>
    public static TokenUsage operator +(TokenUsage a, TokenUsage b) => new(a.PromptTokens + b.PromptTokens, a.CompletionTokens + b.CompletionTokens);

    /// <summary>Reads a response's usage; a backend that reports none counts as zero.</summary>
    public static TokenUsage From(UsageDetails? usage) => new(usage?.InputTokenCount ?? 0, usage?.OutputTokenCount ?? 0);

    /// <summary>The tokens of recorded calls.</summary>
    public static TokenUsage From(UsageTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return new(totals.PromptTokens, totals.CompletionTokens);
    }

    /// <summary>Same as <c>+</c>, for languages without operators.</summary>
    public static TokenUsage Add(TokenUsage a, TokenUsage b) => a + b;
}
