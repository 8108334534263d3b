using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Reasoning.Tests.Flux;

/// <summary>
/// A real OpenAI-compatible server on 127.0.0.1 that plays the navigator and inference roles from a script. Each request is
/// classified by the prompt it carries (the phrases come from the flux.*.md prompt files); the next scripted reply for that
/// role is sent, or the role's default once its script runs out.
/// </summary>
public sealed class ScriptedModels : IAsyncDisposable
{
    public const string Plan = "plan", Repair = "repair", Adjust = "adjust", Tutor = "tutor", Student = "student",
        Review = "review", Replan = "replan", Answer = "answer", Direct = "direct";

    private static readonly (string Role, string Phrase)[] Roles =
    [
        (Repair, "Your reply could not be used"),
        (Plan, "design a reasoning trajectory"),
        (Adjust, "Rewrite your reasoning flow"),
        (Tutor, "You are a tutor"),
        (Student, "You are a student"),
        (Review, "checking a student's work"),
        (Replan, "re-planning the rest"),
        (Answer, "state the final answer"),
        (Direct, "Work through this problem step by step"),
    ];

    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _scripts = new();
    private readonly ConcurrentQueue<(string Role, RecordedRequest Request)> _log = new();

    public ScriptedModels()
    {
        Server = LoopbackChatServer.Start();
        Server.Responder = request =>
        {
            var role = RoleOf(request);
            _log.Enqueue((role, request));
            if (Failures.TryGetValue(role, out var failure)) return failure;
            var text = _scripts.TryGetValue(role, out var queue) && queue.TryDequeue(out var next) ? next : Defaults.GetValueOrDefault(role, "ok");
            var model = role is Plan or Repair or Adjust or Tutor or Review or Replan ? "navigator-model" : "inference-model";
            var streamed = request.JsonObject["stream"]?.GetValue<bool>() == true;
            var reply = streamed
                ? LoopbackReply.StreamedCompletion([text], promptTokens: 100, completionTokens: 20, model: model)
                : LoopbackReply.Completion(text, promptTokens: 100, completionTokens: 20, model: model);
            return reply with { Delay = Delay };
        };
    }

    public LoopbackChatServer Server { get; }

    /// <summary>Roles that every time get this reply (an HTTP error) instead of their text.</summary>
    public ConcurrentDictionary<string, LoopbackReply> Failures { get; } = new(StringComparer.Ordinal);

    /// <summary>Pause before every reply.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>What each role says once its script is empty: a well-formed three-step run that ends in \boxed{42}.</summary>
    public Dictionary<string, string> Defaults { get; } = new(StringComparer.Ordinal)
    {
        [Plan] = PlanJson("Linear Recurrence Method", "Write down the recurrence", "Find the closed form", "Evaluate the requested term"),
        [Repair] = "still not a plan",
        [Adjust] = """["Write down the recurrence and its order", "Solve the characteristic equation", "Evaluate the requested term"]""",
        [Tutor] = "Do this step carefully.",
        [Student] = "<think>working</think>The step gives 42.",
        [Review] = """{"decision": "continue", "score": 8, "reason": "fine"}""",
        [Replan] = """["A new final step"]""",
        [Answer] = "<think>sum up</think>So the answer is \\boxed{42}.",
        [Direct] = "Directly: \\boxed{7}",
    };

    /// <summary>Queues replies for one role.</summary>
    public void Script(string role, params string[] replies)
    {
        var queue = _scripts.GetOrAdd(role, _ => new ConcurrentQueue<string>());
        foreach (var reply in replies) queue.Enqueue(reply);
    }

    /// <summary>Requests by role, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests(string role) => [.. _log.Where(x => x.Role == role).Select(x => x.Request)];

    /// <summary>Every role in arrival order.</summary>
    public IReadOnlyList<string> RoleSequence => [.. _log.Select(x => x.Role)];

    /// <summary>A client for the server under a model name.</summary>
    public IChatClient Client(string model) => OpenAIEndpoint.CreateChatClient(new OpenAIEndpointOptions { Endpoint = Server.BaseUri, Model = model, ApiKey = "test" });

    /// <summary>All message texts of a request, joined.</summary>
    public static string Prompt(RecordedRequest request) =>
        string.Join("\n", request.JsonObject["messages"]!.AsArray().Select(m => Content(m!["content"])));

    public static string PlanJson(string method, params string[] steps) => new JsonObject
    {
        ["Problem"] = "p",
        ["General Knowledge Category"] = "Sequences",
        ["Specific Direction"] = "Recurrences",
        ["Applied Method"] = method,
        ["Examined Knowledge"] = new JsonArray("recurrences"),
        ["reason_flow"] = new JsonArray([.. steps.Select(s => (JsonNode)JsonValue.Create(s))]),
    }.ToJsonString();

    private static string Content(JsonNode? content) => content switch
    {
        JsonArray parts => string.Join("", parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    private static string RoleOf(RecordedRequest request)
    {
        var prompt = Prompt(request);
        foreach (var (role, phrase) in Roles)
        {
            if (prompt.Contains(phrase, StringComparison.Ordinal)) return role;
        }
        return "unknown";
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
