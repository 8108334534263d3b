using System.ClientModel;
using System.Globalization;
using System.Net.Sockets;

namespace ReasonFlux.Models.Middleware;

/// <summary>Tells failures worth retrying from those that will fail again, looking through wrapped exceptions.</summary>
internal static class TransientFailure
{
    /// <summary>
    /// True for HTTP 408/429/500/502/503/504 and other 5xx, network timeouts and dropped connections. A refused connection
    /// or unknown host is not retried: the server is not there, and the user should hear so at once.
    /// </summary>
    public static bool IsTransient(Exception exception, CancellationToken callerToken)
    {
        if (callerToken.IsCancellationRequested) return false;
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            switch (ex)
            {
                case ClientResultException { Status: > 0 } http:
                    return http.Status is 408 or 429 or (>= 500 and not 501 and not 505);
                case SocketException socket:
                    return socket.SocketErrorCode is not (SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NoData);
                case HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }:
                    return false;
                case TimeoutException:
                    return true;
                case OperationCanceledException: // not the caller's token, so the network timeout fired
                    return true;
                case HttpRequestException or IOException when ex.InnerException is null:
                    return true;
            }
        }
        return false;
    }

    /// <summary>The delay a server asked for with <c>retry-after-ms</c> or <c>Retry-After</c> (seconds or an HTTP date), if any.</summary>
    public static TimeSpan? RetryAfter(Exception exception)
    {
        for (var ex = exception; ex is not null; ex = ex.InnerException)
        {
            if (ex is not ClientResultException http) continue;
            var headers = http.GetRawResponse()?.Headers;
            if (headers is null) return null;
            if (headers.TryGetValue("retry-after-ms", out var ms) &&
                double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
            if (headers.TryGetValue("Retry-After", out var value) && value is not null)
            {
                if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
                {
                    return TimeSpan.FromSeconds(seconds);
                }
                if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    var wait = at - DateTimeOffset.UtcNow;
                    return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
                }
            }
            return null;
        }
        return null;
    }
}
