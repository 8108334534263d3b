namespace ReasonFlux.Evaluation.Benchmarks;

/// <summary>Where a benchmark comes from, beyond its name.</summary>
public sealed record BenchmarkSourceOptions
{
    /// <summary>A local file to read instead of the cache or download (<c>--data</c>). Required for GPQA-Diamond.</summary>
    public string? DataPath { get; init; }

    /// <summary>Download from here instead of the built-in public origin (<c>--data-url</c>); the checksum still applies.</summary>
    public Uri? SourceUrl { get; init; }

    /// <summary>The cache root; benchmarks go to <c>benchmarks/</c> under it. Null: <c>$REASONFLUX_CACHE</c> or the user cache folder.</summary>
    public string? CacheDir { get; init; }

    /// <summary>Field mapping for custom JSONL files (and to override a built-in layout). Null: <see cref="JsonlFields.Default"/>.</summary>
    public JsonlFields? Fields { get; init; }

    /// <summary>The HTTP client for downloads. Null: a new one.</summary>
    public HttpClient? Http { get; init; }
}
