using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using ReasonFlux.Templates;

namespace ReasonFlux.Server.Api;

/// <summary>Reads and validates a chat completion body; every rejection is an <see cref="ApiException"/> naming the field (<c>param</c>).</summary>
internal sealed class ChatRequestParser(IReadOnlyDictionary<string, ServedModel> models, int maxChoices)
{
    private const int MaxStops = 4;

    public async Task<ParsedChatRequest> ParseAsync(HttpRequest request, CancellationToken ct)
    {
        // The body is at most the server's body limit (Kestrel enforces it while reading), so it is read whole and its
        // text checked once before parsing. The Content-Type was checked by CrossSiteGuard.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct).ConfigureAwait(false);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        BodyText.Check(bytes.Span);
        ChatCompletionBody? body;
        try
        {
            body = JsonSerializer.Deserialize(bytes.Span, WireJson.Default.ChatCompletionBody);
        }
        catch (JsonException ex)
        {
            throw BadJson(ex);
        }
        return Validate(body ?? throw ApiException.BadRequest("the body is JSON null; expected an object with model and messages", null));
    }

    internal ParsedChatRequest Validate(ChatCompletionBody body)
    {
        if (string.IsNullOrWhiteSpace(body.Model)) throw ApiException.BadRequest("'model' is required", "model");
        if (!models.TryGetValue(body.Model, out var model))
            throw ApiException.BadRequest(
                $"model '{body.Model}' is not served here; the models are: {string.Join(", ", models.Keys.Order(StringComparer.Ordinal))}", "model", "model_not_found");
        if (body.Messages is not { Count: > 0 } messages) throw ApiException.BadRequest("'messages' is required and must not be empty", "messages");
        var problem = LastUserText(messages);

        if (body.MaxTokens is not null && body.MaxCompletionTokens is not null && body.MaxTokens != body.MaxCompletionTokens)
            throw ApiException.BadRequest("'max_tokens' and 'max_completion_tokens' differ; send one of them", "max_tokens");
        var maxTokens = body.MaxCompletionTokens ?? body.MaxTokens;
        var maxParam = body.MaxCompletionTokens is not null ? "max_completion_tokens" : "max_tokens";
        if (maxTokens is < 1) throw ApiException.BadRequest($"'{maxParam}' must be at least 1 (got {maxTokens})", maxParam);
        if (body.Temperature is { } t && (float.IsNaN(t) || t is < 0 or > 2))
            throw ApiException.BadRequest($"'temperature' must be between 0 and 2 (got {t})", "temperature");
        if (body.TopP is { } p && (float.IsNaN(p) || p is <= 0 or > 1))
            throw ApiException.BadRequest($"'top_p' must be greater than 0 and at most 1 (got {p})", "top_p");
        if (body.N is { } n && (n < 1 || n > maxChoices))
            throw ApiException.BadRequest($"'n' must be between 1 and {maxChoices} (got {n})", "n");
        if (body.StreamOptions is not null && body.Stream != true)
            throw ApiException.BadRequest("'stream_options' is only allowed with 'stream': true", "stream_options");

        var settings = new ChatRequestSettings(maxTokens, body.Temperature, body.TopP, body.Seed, body.N ?? 1, Stops(body.Stop));
        return new ParsedChatRequest(model, problem, settings, body.Stream == true, body.StreamOptions?.IncludeUsage == true);
    }

    private static string LastUserText(IReadOnlyList<MessageBody> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            var message = messages[i];
            if (message?.Role is null) throw ApiException.BadRequest($"'messages[{i}].role' is required", $"messages[{i}].role");
            if (message.Role != "user") continue;
            var text = Text(message.Content, $"messages[{i}].content");
            if (string.IsNullOrWhiteSpace(text)) throw ApiException.BadRequest($"'messages[{i}].content' is empty; the last user message is the problem", $"messages[{i}].content");
            return text.Trim();
        }
        throw ApiException.BadRequest("'messages' has no user message; the last user message is the problem to solve", "messages");
    }

    private static string Text(JsonElement? content, string param)
    {
        switch (content?.ValueKind)
        {
            case JsonValueKind.String:
                return content.Value.GetString()!;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                var index = 0;
                foreach (var part in content.Value.EnumerateArray())
                {
                    if (part.ValueKind != JsonValueKind.Object || !part.TryGetProperty("type", out var kind) || kind.ValueKind != JsonValueKind.String)
                        throw ApiException.BadRequest($"'{param}[{index}]' must be a content part object with a 'type'", $"{param}[{index}]");
                    if (kind.GetString() != "text")
                        throw ApiException.BadRequest($"'{param}[{index}]' is of type '{kind.GetString()}'; only text parts are supported", $"{param}[{index}]");
                    if (!part.TryGetProperty("text", out var value) || value.ValueKind != JsonValueKind.String)
                        throw ApiException.BadRequest($"'{param}[{index}].text' must be a string", $"{param}[{index}].text");
                    if (text.Length > 0) text.Append('\n');
                    text.Append(value.GetString());
                    index++;
                }
                return text.ToString();
            default:
                throw ApiException.BadRequest($"'{param}' must be a string or an array of text parts", param);
        }
    }

    private static List<string> Stops(JsonElement? stop)
    {
        switch (stop?.ValueKind)
        {
            case null or JsonValueKind.Null:
                return [];
            case JsonValueKind.String:
                return stop.Value.GetString() is { Length: > 0 } one ? [one] : throw ApiException.BadRequest("'stop' must not be an empty string", "stop");
            case JsonValueKind.Array:
                var list = new List<string>();
                foreach (var item in stop.Value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String || item.GetString() is not { Length: > 0 } s)
                        throw ApiException.BadRequest($"'stop[{list.Count}]' must be a non-empty string", $"stop[{list.Count}]");
                    list.Add(s);
                }
                return list.Count <= MaxStops ? list : throw ApiException.BadRequest($"'stop' has {list.Count} sequences; at most {MaxStops} are allowed", "stop");
            default:
                throw ApiException.BadRequest("'stop' must be a string or an array of strings", "stop");
        }
    }

    private static ApiException BadJson(JsonException ex)
    {
        var param = ex.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
        var where = $"line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}";
        // Syntax errors wrap the reader's (internal) JsonReaderException; anything else is a value of the wrong type.
        var syntax = ex.InnerException?.GetType().Name == "JsonReaderException";
        return !syntax && param is not null
            ? ApiException.BadRequest($"'{param}' has the wrong type ({where})", param)
            : ApiException.BadRequest($"the body is not valid JSON ({where}): {JsonErrorText.Describe(ex)}", null);
    }
}
