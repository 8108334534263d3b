namespace ReasonFlux.Models.Middleware;

/// <summary>The cross-cutting behaviour <see cref="ChatPipeline.Wrap"/> stacks around a chat client.</summary>
public sealed record ModelCallPolicy
{
    /// <summary>Retry behaviour for transient failures. Default: 4 attempts, 1 s base delay.</summary>
    public ModelRetryOptions Retry { get; init; } = new();

    /// <summary>Most calls in flight at once; <see langword="null"/> (default) for no limit.</summary>
    public int? MaxConcurrency { get; init; }
}
