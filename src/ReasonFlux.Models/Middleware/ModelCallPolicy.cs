namespace ReasonFlux.Models.Middleware;

/// <summary>The cross-cutting behaviour <see cref="ChatPipeline.Wrap"/> stacks around a chat client.</summary>
public sealed record ModelCallPolicy
{
    /// <summary>Retry behaviour for transient failures. Default: 4 attempts, 1 s base delay.</summary>
    public ModelRetryOptions Retry { get; init; } = new();

    /// <summary>Most calls in flight at once; <see langword="null"/> (default) for no limit.</summary>
    public int? MaxConcurrency { get; init; }

    /// <summary>Where token counts and latency are added up; <see langword="null"/> (default) to skip accounting.</summary>
    public UsageMeter? Meter { get; init; }

    /// <summary>Where each call is recorded for the trace; <see langword="null"/> (default) to skip logging.</summary>
    public ICallLog? CallLog { get; init; }

    /// <summary>Label written on this client's call records, e.g. <c>navigator</c>. Default <c>model</c>.</summary>
    public string Label { get; init; } = "model";
}
