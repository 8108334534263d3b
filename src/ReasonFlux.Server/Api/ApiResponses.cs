using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace ReasonFlux.Server.Api;

/// <summary>Writes OpenAI-style error bodies and the request id header.</summary>
internal static class ApiResponses
{
    public const string RequestIdHeader = "x-request-id";

    public static Task WriteErrorAsync(HttpContext http, ApiException error, TimeSpan? retryAfter = null)
    {
        http.Response.StatusCode = error.Status;
        if (retryAfter is { } wait)
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (error.Status == StatusCodes.Status401Unauthorized) http.Response.Headers.WWWAuthenticate = "Bearer";
        return http.Response.WriteAsJsonAsync(error.ToBody(), WireJson.Default.ErrorEnvelope, contentType: null, CancellationToken.None);
    }

    /// <summary>The id of this request: the client's <c>x-request-id</c> when it sent a sane one, else the server's trace id.</summary>
    public static string RequestId(HttpContext http)
    {
        if (http.Items.TryGetValue(RequestIdHeader, out var known) && known is string id) return id;
        var sent = http.Request.Headers[RequestIdHeader].ToString();
        id = sent.Length is > 0 and <= 128 && sent.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':') ? sent : http.TraceIdentifier;
        http.Items[RequestIdHeader] = id;
        return id;
    }
}
