using System.Text.Json;

namespace ReasonFlux.Server.Api;

// The request body of POST /v1/chat/completions, as sent: every field optional so that validation, not the
// deserializer, names what is missing. Fields this server does not use are ignored, as OpenAI clients send many.

internal sealed class ChatCompletionBody
{
    public string? Model { get; set; }
    public IReadOnlyList<MessageBody>? Messages { get; set; }
    public int? MaxTokens { get; set; }
    public int? MaxCompletionTokens { get; set; }
    public float? Temperature { get; set; }
    public float? TopP { get; set; }
    public long? Seed { get; set; }
    public int? N { get; set; }
    public JsonElement? Stop { get; set; }
    public bool? Stream { get; set; }
    public StreamOptionsBody? StreamOptions { get; set; }
}

internal sealed class MessageBody
{
    public string? Role { get; set; }

    /// <summary>A string, or an array of content parts (<c>{"type":"text","text":…}</c>).</summary>
    public JsonElement? Content { get; set; }
}

internal sealed class StreamOptionsBody
{
    public bool? IncludeUsage { get; set; }
}
