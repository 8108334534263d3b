using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReasonFlux.Server.Api;

namespace ReasonFlux.Server;

/// <summary>
/// The OpenAI-compatible HTTP server over ReasonFlux solvers: <c>GET /v1/models</c>, <c>POST /v1/chat/completions</c>
/// (JSON or SSE streaming) and <c>GET /health</c>, on Kestrel at the configured address.
/// </summary>
public sealed class ReasonFluxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrencyLimiter _limiter;

    private ReasonFluxServer(WebApplication app, ConcurrencyLimiter limiter, Uri baseAddress)
    {
        _app = app;
        _limiter = limiter;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:8080/</c> (with the real port when 0 was asked for).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The base URL OpenAI clients take as their endpoint: <see cref="BaseAddress"/> + <c>v1/</c>.</summary>
    public Uri ApiBase => new(BaseAddress, "v1/");

    /// <summary>Validates the options, binds the address and starts serving; throws <see cref="SettingException"/> for bad options and <see cref="IOException"/> (naming the address) when it is taken.</summary>
    public static async Task<ReasonFluxServer> StartAsync(ReasonFluxServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var address = options.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host);

        // No args, no config files and a fixed content root: the server is configured by the options alone.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        options.Logging?.Invoke(builder.Logging);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Listen(address, options.Port);
        });

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ReasonFlux.Server");
        var limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.MaxConcurrentRequests,
            QueueLimit = options.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        var models = options.Models.ToDictionary(m => m.Name, StringComparer.Ordinal);
        var chat = new ChatCompletionsEndpoint(options, new ChatRequestParser(models, options.MaxChoices), limiter, logger);
        var started = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        app.Use((http, next) =>
        {
            http.Response.Headers[ApiResponses.RequestIdHeader] = ApiResponses.RequestId(http);
            return next(http);
        });
        app.Use(new CrossSiteGuard(options, IPAddress.IsLoopback(address), logger).InvokeAsync);
        if (options.ApiKey is { } key) app.Use(RequireKey(Encoding.UTF8.GetBytes(key), logger));

        app.MapGet("/health", (HttpContext http) => http.Response.WriteAsJsonAsync(new HealthBody("ok", [.. models.Keys]), WireJson.Default.HealthBody));
        app.MapGet("/v1/models", (HttpContext http) =>
            http.Response.WriteAsJsonAsync(new ModelList("list", [.. options.Models.Select(m => Card(m, started))]), WireJson.Default.ModelList));
        app.MapGet("/v1/models/{id}", (string id, HttpContext http) => models.TryGetValue(id, out var model)
            ? http.Response.WriteAsJsonAsync(Card(model, started), WireJson.Default.ModelCard)
            : ApiResponses.WriteErrorAsync(http, new ApiException(404, "invalid_request_error", $"model '{id}' is not served here", "model", "model_not_found")));
        app.MapPost("/v1/chat/completions", chat.HandleAsync);
        app.MapFallback((HttpContext http) => ApiResponses.WriteErrorAsync(http, NoRoute(http)));

        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            limiter.Dispose();
            if (ex is IOException) throw new IOException($"cannot listen on {options.Host}:{options.Port}: {ex.Message}", ex);
            throw;
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(bound.EndsWith('/') ? bound : bound + "/");
        ServerLog.Listening(logger, baseAddress, string.Join(", ", models.Keys));
        return new ReasonFluxServer(app, limiter, baseAddress);
    }

    /// <summary>Completes when the server has stopped (<see cref="StopAsync"/>, or the token).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops accepting requests and lets running ones finish until the token fires.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync().ConfigureAwait(false);
        _limiter.Dispose();
    }

    /// <summary>404 for an unknown path; 405 naming the allowed method for a known one asked with another method.</summary>
    private static ApiException NoRoute(HttpContext http)
    {
        var path = http.Request.Path.Value?.TrimEnd('/') ?? "";
        var allowed = path == "/v1/chat/completions" ? "POST"
            : path is "/v1/models" or "/health" || path.StartsWith("/v1/models/", StringComparison.Ordinal) ? "GET"
            : null;
        if (allowed is null) return new ApiException(404, "invalid_request_error", $"no route for {http.Request.Method} {http.Request.Path}", null, "unknown_url");
        http.Response.Headers.Allow = allowed;
        return new ApiException(405, "invalid_request_error", $"{http.Request.Path} takes {allowed}, not {http.Request.Method}", null, "method_not_allowed");
    }

    private static ModelCard Card(ServedModel model, long created) => new(model.Name, "model", created, "reasonflux");

    private static Func<HttpContext, RequestDelegate, Task> RequireKey(byte[] key, ILogger logger) => (http, next) =>
    {
        if (!http.Request.Path.StartsWithSegments("/v1")) return next(http);
        var header = http.Request.Headers.Authorization.ToString();
        var sent = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetBytes(header[7..].Trim()) : null;
        if (sent is not null && CryptographicOperations.FixedTimeEquals(sent, key)) return next(http);
        var error = new ApiException(401, "invalid_request_error",
            sent is null ? "no API key: send 'Authorization: Bearer KEY'" : "incorrect API key", null, "invalid_api_key");
        ServerLog.Rejected(logger, ApiResponses.RequestId(http), error.Status, error.Type, error.Message);
        return ApiResponses.WriteErrorAsync(http, error);
    };
}
