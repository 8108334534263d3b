using ReasonFlux.ModelCalls;
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

    /// <summary>Records each call into <paramref name="recorder"/> under <paramref name="label"/> (see <see cref="RecordingChatClient"/>).</summary>
    public static ChatClientBuilder UseCallRecording(this ChatClientBuilder builder, ModelCallRecorder recorder, ModelCallLabel label)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(label.Purpose);
        return builder.Use(inner => new RecordingChatClient(inner, recorder, label));
    }
}
