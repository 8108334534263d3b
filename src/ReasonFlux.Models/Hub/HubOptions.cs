namespace ReasonFlux.Models.Hub;

/// <summary>Where models are cached and which hub they come from. Build one with <see cref="Resolve"/>.</summary>
public sealed record HubOptions
{
    /// <summary>Environment variable that overrides the cache folder.</summary>
    public const string CacheDirVariable = CacheRoot.Variable;

    /// <summary>Environment variable that overrides the hub base URL.</summary>
    public const string HubUrlVariable = "REASONFLUX_HUB_URL";

    /// <summary>Environment variable holding a Hugging Face access token (for gated or private repositories).</summary>
    public const string TokenVariable = "HF_TOKEN";

    /// <summary>The public Hugging Face hub.</summary>
    public static readonly Uri DefaultHubUrl = new("https://huggingface.co");

    /// <summary>ReasonFlux's cache root. Models live under <c>models/</c> inside it.</summary>
    public required string CacheDir { get; init; }

    /// <summary>Hub base URL. Default <see cref="DefaultHubUrl"/>.</summary>
    public Uri HubUrl { get; init; } = DefaultHubUrl;

    /// <summary>Bearer token sent to the hub (never to the CDN it redirects to). Default: none.</summary>
    public string? Token { get; init; }

    /// <summary>Retries after a transient failure (connection lost, timeout, 429, 5xx). Default 3.</summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>First retry delay; later ones grow exponentially with jitter. Default 0.5 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A transfer that receives no byte for this long counts as dropped and is resumed. Default 60 s.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Folder that holds the cached model files.</summary>
    public string ModelsDir => Path.Combine(CacheDir, "models");

    /// <summary>
    /// Resolves options with the usual precedence: the explicit value (a command-line option), then the
    /// environment (<c>REASONFLUX_CACHE</c>, <c>REASONFLUX_HUB_URL</c>, <c>HF_TOKEN</c>), then the default.
    /// </summary>
    /// <param name="cacheDir">The <c>--cache-dir</c> value, or null.</param>
    /// <param name="hubUrl">The <c>--hub-url</c> value, or null.</param>
    /// <param name="environment">Reads a variable; default <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    public static HubOptions Resolve(string? cacheDir = null, string? hubUrl = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var url = NonEmpty(hubUrl) ?? NonEmpty(environment(HubUrlVariable));
        return new HubOptions
        {
            CacheDir = CacheRoot.Resolve(cacheDir, environment),
            HubUrl = url is null ? DefaultHubUrl : ParseHubUrl(url),
            Token = NonEmpty(environment(TokenVariable)),
        };
    }

    private static Uri ParseHubUrl(string text) =>
        Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw SettingException.Invalid(Setting.Of<HubOptions>(nameof(HubUrl), $"hub URL (or ${HubUrlVariable})"), text, "must be an absolute http:// or https:// URL");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
