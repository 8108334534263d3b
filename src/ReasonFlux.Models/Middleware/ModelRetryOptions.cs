namespace ReasonFlux.Models.Middleware;

/// <summary>How the retry layer retries transient failures (HTTP 408/429/5xx, network timeouts, dropped connections).</summary>
public sealed record ModelRetryOptions
{
    /// <summary>Attempts in all, the first included. 1 turns retrying off. Default 4.</summary>
    public int MaxAttempts { get; init; } = 4;

    /// <summary>Median delay before the first retry; later ones grow exponentially, with jitter. Default 1 s.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest backoff between two attempts. Default 30 s.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A server's <c>Retry-After</c> (or <c>retry-after-ms</c>) replaces the backoff, but never waits longer than this.
    /// Default 2 minutes.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Called before each retry, e.g. to tell the user the server is busy.</summary>
    public Action<ModelRetryNotice>? OnRetry { get; init; }
}
