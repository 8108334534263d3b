using Microsoft.Extensions.Logging;

namespace ReasonFlux.Server.Api;

/// <summary>The server's log lines; each names the request id that the client also gets in <c>x-request-id</c>.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Information, "{RequestId} {Model} stream={Stream} n={N}: solving")]
    public static partial void Solving(ILogger logger, string requestId, string model, bool stream, int n);

    [LoggerMessage(2, LogLevel.Information, "{RequestId} completed in {ElapsedMs} ms: {PromptTokens} prompt + {CompletionTokens} completion tokens")]
    public static partial void Completed(ILogger logger, string requestId, long elapsedMs, long promptTokens, long completionTokens);

    [LoggerMessage(3, LogLevel.Warning, "{RequestId} rejected with {Status} {Type}: {Message}")]
    public static partial void Rejected(ILogger logger, string requestId, int status, string type, string message);

    [LoggerMessage(4, LogLevel.Information, "{RequestId} client disconnected after {ElapsedMs} ms; solve cancelled")]
    public static partial void Disconnected(ILogger logger, string requestId, long elapsedMs);

    [LoggerMessage(5, LogLevel.Error, "{RequestId} failed")]
    public static partial void Failed(ILogger logger, string requestId, Exception exception);

    [LoggerMessage(6, LogLevel.Information, "ReasonFlux server listening on {Address}, serving {Models}")]
    public static partial void Listening(ILogger logger, Uri address, string models);
}
