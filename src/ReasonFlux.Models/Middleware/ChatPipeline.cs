using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Middleware;

/// <summary>Stacks the standard layers around any chat client (in-process or OpenAI-compatible) in one fixed order.</summary>
public static class ChatPipeline
{
    /// <summary>
    /// Wraps <paramref name="inner"/>, outermost first: concurrency limit → usage accounting → call log → retries → inner.
    /// The limit is outermost so waiting for a slot is not billed as model latency; accounting and logging sit outside
    /// the retries so one logical call is one record, its duration including any backoff. Layers whose policy
    /// setting is off are left out. Disposing the result disposes <paramref name="inner"/>.
    /// </summary>
    public static IChatClient Wrap(IChatClient inner, ModelCallPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(policy);
        var builder = new ChatClientBuilder(inner);
        if (policy.MaxConcurrency is { } limit) builder.UseConcurrencyLimit(limit);
        if (policy.Meter is { } meter) builder.UseUsageAccounting(meter);
        if (policy.CallLog is { } log) builder.UseCallLog(log, policy.Label);
        if (policy.Retry.MaxAttempts > 1) builder.UseReasonFluxRetries(policy.Retry);
        return builder.Build();
    }
}
