using System.Net;
using Microsoft.Extensions.Logging;

namespace ReasonFlux.Server;

/// <summary>How <see cref="ReasonFluxServer"/> listens and which limits it enforces.</summary>
public sealed record ReasonFluxServerOptions
{
    /// <summary>The address to bind: an IP address, or <c>localhost</c>. Default 127.0.0.1 (loopback only).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (read it back from <see cref="ReasonFluxServer.BaseAddress"/>). Default 8080.</summary>
    public int Port { get; init; } = 8080;

    /// <summary>When set, every <c>/v1</c> request must send <c>Authorization: Bearer KEY</c>. Default: none.</summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// Browser origins (<c>scheme://host[:port]</c>) allowed to call the API cross-site; requests carrying any other
    /// <c>Origin</c> get 403, and only these get CORS headers and preflight answers. Default: none.
    /// </summary>
    public IReadOnlyList<string> CorsOrigins { get; init; } = [];

    /// <summary>
    /// Host names (no port) accepted in the <c>Host</c> header besides the loopback names when bound to loopback, which
    /// stops DNS-rebinding pages; <c>*</c> accepts any. When bound elsewhere and this is empty, any host is accepted. Default: none.
    /// </summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>The models the server answers to, by name.</summary>
    public IReadOnlyList<ServedModel> Models { get; init; } = [];

    /// <summary>Most chat completions solved at once; requests beyond it (and beyond <see cref="QueueLimit"/>) get 429. Default 8.</summary>
    public int MaxConcurrentRequests { get; init; } = 8;

    /// <summary>Requests that may wait for a free slot instead of getting 429 at once. Default 0.</summary>
    public int QueueLimit { get; init; }

    /// <summary>What a 429 tells the client to wait in <c>Retry-After</c>. Default 1 s.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest a solve may run before the request fails with 504. Default 30 minutes.</summary>
    public TimeSpan SolveTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Largest request body accepted; larger bodies get 413. Default 1 MiB.</summary>
    public long MaxRequestBodyBytes { get; init; } = 1 << 20;

    /// <summary>Largest <c>n</c> (choices per request) accepted. Default 16.</summary>
    public int MaxChoices { get; init; } = 16;

    /// <summary>Where the server logs (one line per request, with its request id). Null: no logging.</summary>
    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>Throws <see cref="SettingException"/> naming the setting that is wrong, served models included.</summary>
    public void Validate()
    {
        ValidateSettings();
        if (Models.Count == 0) throw new ArgumentException("the server needs at least one served model");
        var duplicate = Models.GroupBy(m => m.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"served model '{duplicate.Key}' is registered twice");
    }

    /// <summary>Throws <see cref="SettingException"/> naming the setting that is wrong; the served models are not checked, so this can run before they are loaded.</summary>
    public void ValidateSettings()
    {
        if (Host != "localhost" && !IPAddress.TryParse(Host, out _)) throw Invalid(nameof(Host), "host", Host, "must be an IP address or localhost");
        if (Port is < 0 or > 65535) throw Invalid(nameof(Port), "port", Port, "must be between 0 and 65535");
        if (MaxConcurrentRequests < 1) throw Invalid(nameof(MaxConcurrentRequests), "max concurrent requests", MaxConcurrentRequests, "must be at least 1");
        if (QueueLimit < 0) throw Invalid(nameof(QueueLimit), "queue limit", QueueLimit, "must be 0 or more");
        if (SolveTimeout <= TimeSpan.Zero) throw Invalid(nameof(SolveTimeout), "solve timeout", SolveTimeout.TotalSeconds, "must be a positive number of seconds");
        if (MaxRequestBodyBytes < 1024) throw Invalid(nameof(MaxRequestBodyBytes), "max request body", MaxRequestBodyBytes, "must be at least 1024 bytes");
        if (MaxChoices < 1) throw Invalid(nameof(MaxChoices), "max choices", MaxChoices, "must be at least 1");
        if (ApiKey is { Length: 0 }) throw Invalid(nameof(ApiKey), "API key", null, "must not be empty");
        foreach (var origin in CorsOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || origin.TrimEnd('/').Length != uri.GetLeftPart(UriPartial.Authority).Length)
                throw Invalid(nameof(CorsOrigins), "CORS origin", origin, "must be scheme://host[:port], e.g. https://app.example");
        }
        foreach (var host in AllowedHosts)
        {
            if (host != "*" && Uri.CheckHostName(host) == UriHostNameType.Unknown)
                throw Invalid(nameof(AllowedHosts), "allowed host", host, "must be a host name or IP address without port, or *");
        }
    }

    private static SettingException Invalid(string property, string words, object? value, string problem) =>
        SettingException.Invalid(Setting.Of<ReasonFluxServerOptions>(property, words), value, problem);
}
