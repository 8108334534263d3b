namespace ReasonFlux.Models.Middleware;

/// <summary>A retry about to happen.</summary>
/// <param name="FailedAttempt">1-based number of the attempt that just failed.</param>
/// <param name="Delay">How long the layer waits before the next attempt (the server's Retry-After when it sent one).</param>
/// <param name="Cause">What the failed attempt threw.</param>
public sealed record ModelRetryNotice(int FailedAttempt, TimeSpan Delay, Exception Cause);
