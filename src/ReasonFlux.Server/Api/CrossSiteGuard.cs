using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace ReasonFlux.Server.Api;

/// <summary>
/// Runs before routing and the key check, so it covers every endpoint (unknown ones too). It keeps web pages from
/// using the API: a foreign <c>Host</c> (DNS rebinding) or an <c>Origin</c> that <see cref="ReasonFluxServerOptions.CorsOrigins"/> does not list
/// gets 403, and a body not declared as UTF-8 JSON gets 415 — a page can post <c>text/plain</c>, form or multipart
/// bodies cross-site without a preflight, but never <c>application/json</c>. Listed origins get CORS answers.
/// </summary>
internal sealed class CrossSiteGuard
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];
    private const string AllowedMethods = "GET, POST, OPTIONS";
    private const string DefaultAllowedHeaders = "authorization, content-type, x-request-id";

    private readonly HashSet<string> _origins;
    private readonly HashSet<string> _hosts;
    private readonly bool _anyHost;
    private readonly ILogger _logger;

    public CrossSiteGuard(ReasonFluxServerOptions options, bool boundToLoopback, ILogger logger)
    {
        _origins = options.CorsOrigins.Select(NormalizeOrigin).ToHashSet(StringComparer.Ordinal);
        _hosts = [.. LoopbackHosts, .. options.AllowedHosts.Select(h => h.Trim().ToLowerInvariant())];
        _anyHost = _hosts.Contains("*") || (!boundToLoopback && options.AllowedHosts.Count == 0);
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        if (!_anyHost && request.Host.HasValue && !_hosts.Contains(request.Host.Host.ToLowerInvariant()))
        {
            return RejectAsync(http, 403, $"the Host header '{request.Host}' is not a name this server answers to; add it to the server's allowed hosts", "host_not_allowed");
        }

        var origin = request.Headers.Origin.ToString();
        var listed = origin.Length > 0 && _origins.Contains(NormalizeOrigin(origin));
        if (origin.Length > 0 && !listed)
        {
            // The server has no pages of its own, so every request that carries an Origin comes from someone else's page.
            return RejectAsync(http, 403, $"requests from the web origin '{origin}' are not allowed; list it among the server's CORS origins to allow it", "origin_not_allowed");
        }

        if (listed)
        {
            var headers = http.Response.Headers;
            headers.AccessControlAllowOrigin = origin;
            headers.Vary = HeaderNames.Origin;
            headers.AccessControlExposeHeaders = $"{ApiResponses.RequestIdHeader}, retry-after";
        }

        if (HttpMethods.IsOptions(request.Method))
        {
            if (listed && request.Headers.AccessControlRequestMethod.Count > 0)
            {
                var headers = http.Response.Headers;
                headers.AccessControlAllowMethods = AllowedMethods;
                headers.AccessControlAllowHeaders = request.Headers.AccessControlRequestHeaders.Count > 0
                    ? request.Headers.AccessControlRequestHeaders.ToString()
                    : DefaultAllowedHeaders;
                headers.AccessControlMaxAge = "600";
            }
            http.Response.Headers.Allow = AllowedMethods;
            http.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        if (HasBody(request) && !IsUtf8Json(request.ContentType))
        {
            var sent = string.IsNullOrEmpty(request.ContentType) ? "no Content-Type" : $"Content-Type '{request.ContentType}'";
            return RejectAsync(http, 415, $"the body must be JSON sent as 'Content-Type: application/json' (UTF-8); got {sent}", "unsupported_media_type");
        }
        return next(http);
    }

    private Task RejectAsync(HttpContext http, int status, string message, string code)
    {
        var error = new ApiException(status, "invalid_request_error", message, null, code);
        ServerLog.Rejected(_logger, ApiResponses.RequestId(http), error.Status, error.Type, error.Message);
        return ApiResponses.WriteErrorAsync(http, error);
    }

    private static bool HasBody(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) || HttpMethods.IsPut(request.Method) || HttpMethods.IsPatch(request.Method)
        || request.ContentLength > 0 || request.Headers.ContentType.Count > 0 || request.Headers.TransferEncoding.Count > 0;

    private static bool IsUtf8Json(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var type)) return false;
        if (!type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)) return false;
        var charset = type.Charset.ToString().Trim('"');
        return charset.Length == 0 || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);
    }

    private static string NormalizeOrigin(string origin) => origin.Trim().TrimEnd('/').ToLowerInvariant();
}
