using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReasonFlux.Models.Tests.Loopback;

/// <summary>
/// What the <see cref="LoopbackChatServer"/> answers to one request: a status with a body, or a server-sent-event stream,
/// optionally after a delay. Build with the static factories and refine with <c>with</c> or <see cref="WithHeader"/>.
/// </summary>
public sealed record LoopbackReply
{
    /// <summary>HTTP status code.</summary>
    public int Status { get; init; } = 200;

    /// <summary>Body written as-is for non-stream replies.</summary>
    public string Body { get; init; } = "";

    /// <summary>Content type of <see cref="Body"/>.</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>When set, the reply is an SSE stream: each item is written as <c>data: item</c> and flushed on its own.</summary>
    public IReadOnlyList<string>? Events { get; init; }

    /// <summary>
    /// For a streamed completion, the same reply as one JSON completion: what the server sends instead when the request
    /// does not ask for a stream, as a real OpenAI-compatible server answers in the format asked for.
    /// </summary>
    public LoopbackReply? Whole { get; init; }

    /// <summary>Pause before the status line is sent (simulates a slow server; honours server shutdown).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Pause between stream events.</summary>
    public TimeSpan EventDelay { get; init; }

    /// <summary>When true, the connection is cut after the stream events instead of ending the reply properly (a server crash mid-stream).</summary>
    public bool AbortAfterEvents { get; init; }

    /// <summary>Extra response headers, e.g. <c>Retry-After</c>.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Returns a copy with one more response header.</summary>
    public LoopbackReply WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers) { [name] = value } };

    /// <summary>A status with a JSON body (an OpenAI-style error object when <paramref name="body"/> is null and the status is an error).</summary>
    public static LoopbackReply Json(int status, string? body = null) => new()
    {
        Status = status,
        Body = body ?? (status >= 400 ? ErrorBody($"loopback error {status}") : "{}"),
    };

    /// <summary>An error reply with the OpenAI error shape <c>{"error":{"message":…}}</c>.</summary>
    public static LoopbackReply Error(int status, string message) => new() { Status = status, Body = ErrorBody(message) };

    /// <summary>A non-streaming chat completion whose single choice says <paramref name="text"/>.</summary>
    public static LoopbackReply Completion(string? text, int promptTokens = 5, int completionTokens = 7, string finishReason = "stop", string model = "loopback-model")
    {
        var body = new JsonObject
        {
            ["id"] = "chatcmpl-loopback",
            ["object"] = "chat.completion",
            ["created"] = 1_700_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text },
                ["finish_reason"] = finishReason,
            }),
            ["usage"] = Usage(promptTokens, completionTokens),
        };
        return new LoopbackReply { Body = body.ToJsonString() };
    }

    /// <summary>
    /// A streamed chat completion: one chunk per text piece, a final chunk with the finish reason, a usage-only chunk
    /// (what servers send for <c>stream_options.include_usage</c>) and <c>[DONE]</c>.
    /// </summary>
    public static LoopbackReply StreamedCompletion(IEnumerable<string> pieces, int promptTokens = 5, int completionTokens = 7, string model = "loopback-model")
    {
        var events = new List<string> { Chunk(model, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null) };
        events.AddRange(pieces.Select(piece => Chunk(model, new JsonObject { ["content"] = piece }, null)));
        events.Add(Chunk(model, new JsonObject(), "stop"));
        var usageChunk = new JsonObject
        {
            ["id"] = "chatcmpl-loopback",
            ["object"] = "chat.completion.chunk",
            ["created"] = 1_700_000_000,
            ["model"] = model,
            ["choices"] = new JsonArray(),
            ["usage"] = Usage(promptTokens, completionTokens),
        };
        events.Add(usageChunk.ToJsonString());
        events.Add("[DONE]");
        return new LoopbackReply
        {
            ContentType = "text/event-stream",
            Events = events,
            Whole = Completion(string.Concat(PiecesOf(events)), promptTokens, completionTokens, model: model),
        };
    }

    private static IEnumerable<string> PiecesOf(IEnumerable<string> events) =>
        events.Where(e => e.StartsWith('{')).Select(e => JsonNode.Parse(e)!["choices"]!.AsArray())
            .Where(choices => choices.Count > 0)
            .Select(choices => (string?)choices[0]!["delta"]?["content"] ?? "");

    private static string Chunk(string model, JsonObject delta, string? finishReason) => new JsonObject
    {
        ["id"] = "chatcmpl-loopback",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
    }.ToJsonString();

    private static JsonObject Usage(int promptTokens, int completionTokens) => new()
    {
        ["prompt_tokens"] = promptTokens,
        ["completion_tokens"] = completionTokens,
        ["total_tokens"] = promptTokens + completionTokens,
    };

    private static string ErrorBody(string message) =>
        JsonSerializer.Serialize(new { error = new { message, type = "loopback_error", code = (string?)null } });
}
