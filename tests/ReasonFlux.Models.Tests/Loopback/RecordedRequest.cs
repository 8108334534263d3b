using System.Collections.Specialized;
using System.Text.Json.Nodes;

namespace ReasonFlux.Models.Tests.Loopback;

/// <summary>One request the <see cref="LoopbackChatServer"/> received, exactly as it arrived.</summary>
/// <param name="Index">0-based arrival order.</param>
/// <param name="Method">HTTP method, e.g. <c>POST</c>.</param>
/// <param name="Path">Absolute path of the request URL, e.g. <c>/v1/chat/completions</c>.</param>
/// <param name="Headers">Request headers.</param>
/// <param name="Body">Raw request body (UTF-8).</param>
public sealed record RecordedRequest(int Index, string Method, string Path, NameValueCollection Headers, string Body)
{
    /// <summary>The body parsed as JSON, or <see langword="null"/> when it is empty or not JSON.</summary>
    public JsonNode? Json
    {
        get
        {
            if (string.IsNullOrWhiteSpace(Body)) return null;
            try { return JsonNode.Parse(Body); }
            catch (System.Text.Json.JsonException) { return null; }
        }
    }

    /// <summary>The body parsed as a JSON object; throws when the body is not one, so a test fails with the reason.</summary>
    public JsonObject JsonObject => Json as JsonObject ?? throw new InvalidOperationException($"request {Index} body is not a JSON object: {Body}");
}
