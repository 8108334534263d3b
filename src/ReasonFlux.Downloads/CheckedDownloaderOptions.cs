using System.Net.Http.Headers;

namespace ReasonFlux.Downloads;

/// <summary>How <see cref="CheckedDownloader"/> retries, waits and authenticates.</summary>
public sealed record CheckedDownloaderOptions
{
    /// <summary>Retries after a transient failure (connection lost, timeout, 408/429/5xx), resuming where the bytes stopped. Default 3.</summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>First delay between retries (exponential with jitter after it). Default 500 ms.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest wait for an answer or for the next bytes. Default 60 s.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Redirects followed per request. Default 10.</summary>
    public int MaxRedirects { get; init; } = 10;

    /// <summary>The Authorization header for a URL (asked again after every redirect, so a token stays on its own host). Default: none.</summary>
    public Func<Uri, AuthenticationHeaderValue?>? Authorize { get; init; }
}
