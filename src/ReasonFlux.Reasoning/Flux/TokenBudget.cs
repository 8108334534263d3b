using ReasonFlux.ModelCalls;
using ReasonFlux.Models.Middleware;

namespace ReasonFlux.Reasoning.Flux;

/// <summary>An optional cap on the tokens of a whole solve, charged with what its recorded calls spent (every sample's).</summary>
internal sealed class TokenBudget(long? max, ModelCallRecorder calls)
{
    public TokenUsage Spent => RecordedUsage.Of(calls.Totals);

    public long? Remaining => max is { } m ? m - calls.Totals.TotalTokens : null;

    /// <summary>The output cap for the next call: the per-call cap, lowered to what is left; throws when nothing is.</summary>
    public int NextCallCap(int perCall)
    {
        if (Remaining is not { } left) return perCall;
        if (left <= 0) throw new FluxStopException($"the token budget ({max} tokens) is spent");
        return (int)Math.Min(perCall, left);
    }
}
