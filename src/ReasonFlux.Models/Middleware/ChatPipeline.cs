using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Middleware;

/// <summary>Stacks the standard layers around any chat client (in-process or OpenAI-compatible) in one fixed order.</summary>
public static class ChatPipeline
{
    /// <summary>
    /// Wraps <paramref name="inner"/>, outermost first: concurrency limit → retries → inner. Layers whose policy
    /// setting is off are left out. Recording is not part of the pipeline: a solve wraps the result in a
    /// <see cref="RecordingChatClient"/> of its own, so its records never mix with another solve's.
    /// Disposing the result disposes <paramref name="inner"/>.
    /// </summary>
    public static IChatClient Wrap(IChatClient inner, ModelCallPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(policy);
        var builder = new ChatClientBuilder(inner);
        if (policy.MaxConcurrency is { } limit) builder.UseConcurrencyLimit(limit);
        if (policy.Retry.MaxAttempts > 1) builder.UseReasonFluxRetries(policy.Retry);
        return builder.Build();
    }
}
