namespace ReasonFlux.ModelCalls;

/// <summary>Totals over the calls a <see cref="ModelCallRecorder"/> holds.</summary>
/// <param name="Calls">Model calls that ended, successful or not.</param>
/// <param name="FailedCalls">Calls that failed or ended early (cancellations included); their tokens, when reported, are in the sums.</param>
/// <param name="CallsWithoutUsage">Completed calls whose reply carried no token counts, so the token sums miss them.</param>
/// <param name="PromptTokens">Input tokens the backends reported.</param>
/// <param name="CompletionTokens">Output tokens the backends reported.</param>
/// <param name="TotalLatency">Sum of the calls' wall-clock durations (retries and backoff included).</param>
/// <param name="MaxLatency">The slowest call.</param>
public sealed record UsageTotals(
    long Calls,
    long FailedCalls,
    long CallsWithoutUsage,
    long PromptTokens,
    long CompletionTokens,
    TimeSpan TotalLatency,
    TimeSpan MaxLatency)
{
    /// <summary>Prompt plus completion tokens.</summary>
    public long TotalTokens => PromptTokens + CompletionTokens;

    /// <summary>Average duration of a call; zero before the first.</summary>
    public TimeSpan MeanLatency => Calls == 0 ? TimeSpan.Zero : TotalLatency / Calls;
}
