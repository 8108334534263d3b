namespace ReasonFlux.Reasoning.Flux;

/// <summary>Tokens spent by a whole solve against an optional cap; shared by every call of every sample.</summary>
internal sealed class TokenBudget(long? max)
{
    private long _prompt;
    private long _completion;

    public TokenUsage Spent => new(Interlocked.Read(ref _prompt), Interlocked.Read(ref _completion));

    public long? Remaining => max is { } m ? m - (Interlocked.Read(ref _prompt) + Interlocked.Read(ref _completion)) : null;

    public void Charge(TokenUsage usage)
    {
        Interlocked.Add(ref _prompt, usage.PromptTokens);
        Interlocked.Add(ref _completion, usage.CompletionTokens);
    }

    /// <summary>The output cap for the next call: the per-call cap, lowered to what is left; throws when nothing is.</summary>
    public int NextCallCap(int perCall)
    {
        if (Remaining is not { } left) return perCall;
        if (left <= 0) throw new FluxStopException($"the token budget ({max} tokens) is spent");
        return (int)Math.Min(perCall, left);
    }
}
