using System.ClientModel;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.OpenAICompatible;

/// <summary>
/// The edge of the OpenAI path: turns what the OpenAI client throws (and streams cut off before the finish reason) into
/// <see cref="ModelBackendException"/>s with one line a user can act on, the same way for streamed and whole replies.
/// An empty reply is a reply (llama.cpp's server answers 200 with one): its finish reason says why it is empty.
/// The original exception stays as the inner exception, so the retry layer can still tell transient failures apart.
/// </summary>
internal sealed class OpenAIErrorChatClient(IChatClient inner, Uri endpoint, string model) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
        {
            throw translated;
        }
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var _ = updates.ConfigureAwait(false);
        ChatFinishReason? finishReason = null;
        while (true)
        {
            try
            {
                if (!await updates.MoveNextAsync().ConfigureAwait(false)) break;
            }
            catch (Exception ex) when (Translate(ex, cancellationToken) is { } translated)
            {
                throw translated;
            }
            var update = updates.Current;
            finishReason ??= update.FinishReason;
            yield return update;
        }
        // Every OpenAI-compatible server ends a finished reply with a finish reason; a stream that stops without one
        // was cut off (dropped connection, server crash, an error event the client skips), and must not pass as complete.
        if (finishReason is null)
        {
            throw new ModelBackendException($"the reply stream from {endpoint} for model {options?.ModelId ?? model} ended before the model finished; the connection dropped or the server failed mid-reply");
        }
    }

    /// <summary>The one-line exception for <paramref name="ex"/>, or null to let it through unchanged (the caller's cancellation, our own exceptions).</summary>
    private ModelBackendException? Translate(Exception ex, CancellationToken cancellationToken)
    {
        if (ex is ModelException) return null;
        if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested) return null;

        if (ex is ClientResultException { Status: > 0 } http)
        {
            var (problem, remedy) = DescribeStatus(http);
            return new ModelBackendException(problem, remedy, ex);
        }
        // The client's network timeout cancels the socket too, so it must be recognised before socket errors.
        if (Find<TimeoutException>(ex) is not null || Find<OperationCanceledException>(ex) is not null)
        {
            return new ModelBackendException($"{endpoint} did not answer in time (network timeout); the server may be overloaded", ex);
        }
        if (Find<SocketException>(ex) is { } socket)
        {
            if (socket.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain)
                return new ModelBackendException($"cannot reach {endpoint}: host not found", ModelRemedy.CheckEndpoint, ex);
            var cause = socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused; is the server running?",
                SocketError.TimedOut => "the connection timed out",
                _ => $"{socket.Message.TrimEnd('.')}",
            };
            return new ModelBackendException($"cannot reach {endpoint}: {cause}", ex);
        }
        if (Find<HttpRequestException>(ex) is { } request)
        {
            return new ModelBackendException($"cannot reach {endpoint}: {OneLine(request.Message)}", ex);
        }
        if (ex is ClientResultException or IOException)
        {
            return new ModelBackendException($"the connection to {endpoint} failed: {OneLine(ex.Message)}", ex);
        }
        // The client reads the server's JSON as it comes; JSON it cannot read, or of the wrong shape, fails in its
        // parser. That is the server's fault (a proxy's HTML page, a broken stream), not ours.
        if (ex is JsonException or FormatException or KeyNotFoundException or InvalidOperationException and not ObjectDisposedException)
        {
            return new ModelBackendException($"the reply from {endpoint} could not be read (malformed JSON from the server: {OneLine(ex is JsonException json ? JsonErrorText.Describe(json) : JsonErrorText.Describe(ex.Message))})", ex);
        }
        return null;
    }

    private (string Problem, ModelRemedy Remedy) DescribeStatus(ClientResultException ex)
    {
        var detail = ServerMessage(ex) is { Length: > 0 } message ? $": {message}" : "";
        return ex.Status switch
        {
            401 or 403 => ($"{endpoint} rejected the API key (HTTP {ex.Status}{detail})", ModelRemedy.CheckApiKey),
            404 => ($"model '{model}' not found at {endpoint} (HTTP 404{detail})", ModelRemedy.CheckModelName),
            429 => ($"{endpoint} is rate limiting requests (HTTP 429{detail})", ModelRemedy.None),
            >= 500 => ($"{endpoint} failed with HTTP {ex.Status}{detail}", ModelRemedy.None),
            _ => ($"{endpoint} refused the request for model '{model}' (HTTP {ex.Status}{detail})", ModelRemedy.None),
        };
    }

    /// <summary>The server's own error text: OpenAI's <c>{"error":{"message":…}}</c> when present, otherwise the start of the body.</summary>
    private static string? ServerMessage(ClientResultException ex)
    {
        string? body;
        try
        {
            body = ex.GetRawResponse()?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            return null; // an unbuffered streaming body cannot be read again
        }
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String) return OneLine(error.GetString() ?? "");
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return OneLine(message.GetString() ?? "");
                }
            }
        }
        catch (JsonException)
        {
            // not JSON: fall through to the raw text
        }
        return OneLine(body);
    }

    private static string OneLine(string text)
    {
        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return flat.Length <= 200 ? flat : string.Concat(flat.AsSpan(0, 200), "…");
    }

    private static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is T found) return found;
        }
        return null;
    }
}
