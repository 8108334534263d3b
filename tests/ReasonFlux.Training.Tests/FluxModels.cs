using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Training.Tests;

/// <summary>
/// A real loopback OpenAI-compatible server whose replies depend on the prompt: it recognises the flux prompts (plan,
/// adjust, tutor, student, review, answer) and the pair-instantiation prompt by phrases from those prompt files.
/// </summary>
internal sealed class FluxModels : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _plans = new();
    private readonly ConcurrentDictionary<string, int> _counters = new(StringComparer.Ordinal);

    public FluxModels()
    {
        Server = LoopbackChatServer.Start();
        Server.Responder = request =>
        {
            var prompt = string.Join("\n", request.JsonObject["messages"]!.AsArray().Select(m => Text(m!["content"])));
            var text = Reply(prompt);
            if (text is null) return LoopbackReply.Error(400, "scripted failure");
            Requests.Enqueue(prompt);
            var streamed = request.JsonObject["stream"]?.GetValue<bool>() == true;
            return streamed ? LoopbackReply.StreamedCompletion([text]) : LoopbackReply.Completion(text);
        };
    }

    public LoopbackChatServer Server { get; }

    /// <summary>Prompts answered (failed ones not included), in arrival order.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Answers an instantiation prompt: method → reply (null: fail the request with HTTP 400). Default: \boxed{42}.</summary>
    public Func<string, int, string?> Instantiation { get; set; } = (_, _) => "\\boxed{42}";

    /// <summary>Plans handed out in turn (cycling); default one plan naming the Linear Recurrence Method.</summary>
    public void Plans(params string[] plans)
    {
        foreach (var p in plans) _plans.Enqueue(p);
    }

    public static string PlanJson(string method, params string[] steps) => "<think>Recurrence, so a characteristic equation.</think>\n" + new JsonObject
    {
        ["Problem"] = "p",
        ["General Knowledge Category"] = "Sequences",
        ["Specific Direction"] = "Recurrences",
        ["Applied Method"] = method,
        ["Examined Knowledge"] = new JsonArray("recurrences"),
        ["reason_flow"] = new JsonArray([.. steps.Select(s => (JsonNode)JsonValue.Create(s))]),
    }.ToJsonString();

    private string? Reply(string prompt)
    {
        if (prompt.Contains("carrying out the plan", StringComparison.Ordinal))
        {
            var method = prompt.Split("Method: ", 2)[1].Split('\n', 2)[0];
            var n = _counters.AddOrUpdate(method, 0, (_, v) => v + 1);
            return Instantiation(method, n);
        }
        if (prompt.Contains("design a reasoning trajectory", StringComparison.Ordinal))
        {
            if (!_plans.TryDequeue(out var plan)) return PlanJson("Linear Recurrence Method", "Write down the recurrence", "Find the closed form", "Evaluate the term");
            _plans.Enqueue(plan);
            return plan;
        }
        if (prompt.Contains("Rewrite your reasoning flow", StringComparison.Ordinal))
            return """["Write down the recurrence and its order", "Solve the characteristic equation", "Evaluate the requested term"]""";
        if (prompt.Contains("You are a tutor", StringComparison.Ordinal)) return "Do this step carefully.";
        if (prompt.Contains("You are a student", StringComparison.Ordinal)) return "<think>working</think>The step gives 63.";
        if (prompt.Contains("checking a student's work", StringComparison.Ordinal)) return """{"decision": "continue", "score": 8, "reason": "fine"}""";
        if (prompt.Contains("state the final answer", StringComparison.Ordinal)) return "<think>sum up</think>So the answer is \\boxed{63}.";
        return "\\boxed{7}";
    }

    private static string Text(JsonNode? content) => content switch
    {
        JsonArray parts => string.Join("", parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        JsonValue v => v.GetValue<string>(),
        _ => "",
    };

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
