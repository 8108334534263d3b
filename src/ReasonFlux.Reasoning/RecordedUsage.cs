using ReasonFlux.ModelCalls;
using ReasonFlux.Models.Middleware;

namespace ReasonFlux.Reasoning;

/// <summary>Token usage as the solvers report it, read from the recording layer's totals (the one place tokens are summed).</summary>
internal static class RecordedUsage
{
    public static TokenUsage Of(UsageTotals totals) => new(totals.PromptTokens, totals.CompletionTokens);
}
