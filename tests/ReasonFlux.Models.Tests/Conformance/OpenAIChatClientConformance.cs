using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Models.Tests.Conformance;

/// <summary>
/// The OpenAI-compatible backend passes the shared suite against a real loopback server that behaves like a model:
/// it writes one word per token up to the request's cap, and reports length or stop as a real server does.
/// </summary>
public sealed class OpenAIChatClientConformance : ChatClientConformance, IAsyncLifetime
{
    private const int NaturalLength = 12;
    private readonly LoopbackChatServer _server = LoopbackChatServer.Start();

    public OpenAIChatClientConformance()
    {
        _server.Responder = ModelLike;
        Client = ChatPipeline.Wrap(
            OpenAIEndpoint.CreateChatClient(new OpenAIEndpointOptions { Endpoint = _server.BaseUri, Model = "conformance-model" }),
            new ModelCallPolicy { MaxConcurrency = 2 });
    }

    protected override IChatClient Client { get; }

    private static LoopbackReply ModelLike(RecordedRequest request)
    {
        var json = request.JsonObject;
        var cap = (int?)(json["max_completion_tokens"] ?? json["max_tokens"]) ?? int.MaxValue;
        var n = Math.Min(cap, NaturalLength);
        var words = Enumerable.Range(0, n).Select(i => $"w{i} ").ToList();
        var finish = n < NaturalLength ? "length" : "stop";
        if (json["stream"]?.GetValue<bool>() != true)
            return LoopbackReply.Completion(string.Concat(words), promptTokens: 4, completionTokens: n, finishReason: finish, model: "conformance-model");
        var events = new List<string> { Chunk(new JsonObject { ["role"] = "assistant", ["content"] = "" }, null) };
        events.AddRange(words.Select(w => Chunk(new JsonObject { ["content"] = w }, null)));
        events.Add(Chunk(new JsonObject(), finish));
        events.Add(new JsonObject
        {
            ["id"] = "c", ["object"] = "chat.completion.chunk", ["created"] = 1_700_000_000, ["model"] = "conformance-model",
            ["choices"] = new JsonArray(),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 4, ["completion_tokens"] = n, ["total_tokens"] = 4 + n },
        }.ToJsonString());
        events.Add("[DONE]");
        return new LoopbackReply { Events = events, EventDelay = TimeSpan.FromMilliseconds(2) };
    }

    private static string Chunk(JsonObject delta, string? finish) => new JsonObject
    {
        ["id"] = "c", ["object"] = "chat.completion.chunk", ["created"] = 1_700_000_000, ["model"] = "conformance-model",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish }),
    }.ToJsonString();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
    }
}
