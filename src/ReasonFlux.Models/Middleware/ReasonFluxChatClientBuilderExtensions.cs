using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Middleware;

/// <summary><see cref="ChatClientBuilder"/> extensions that add ReasonFlux's middleware layers one at a time.</summary>
public static class ReasonFluxChatClientBuilderExtensions
{
    /// <summary>Retries transient failures (HTTP 408/429/5xx, timeouts) with exponential backoff, jitter and Retry-After.</summary>
    public static ChatClientBuilder UseReasonFluxRetries(this ChatClientBuilder builder, ModelRetryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var retry = options ?? new ModelRetryOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(retry.MaxAttempts, 1, nameof(ModelRetryOptions.MaxAttempts));
        return builder.Use(inner => new RetryingChatClient(inner, retry));
    }

    /// <summary>Lets at most <paramref name="maxConcurrency"/> calls run at once; the others wait.</summary>
    public static ChatClientBuilder UseConcurrencyLimit(this ChatClientBuilder builder, int maxConcurrency)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        return builder.Use(inner => new ConcurrencyLimitingChatClient(inner, maxConcurrency));
    }

    /// <summary>Adds each call's tokens and duration to <paramref name="meter"/>.</summary>
    public static ChatClientBuilder UseUsageAccounting(this ChatClientBuilder builder, UsageMeter meter)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(meter);
        return builder.Use(inner => new UsageAccountingChatClient(inner, meter));
    }

    /// <summary>Records each call (messages, reply, usage, duration) into <paramref name="log"/> under <paramref name="label"/>.</summary>
    public static ChatClientBuilder UseCallLog(this ChatClientBuilder builder, ICallLog log, string label = "model")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(label);
        return builder.Use(inner => new CallLoggingChatClient(inner, log, label));
    }
}
