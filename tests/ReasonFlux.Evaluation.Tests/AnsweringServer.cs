using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Evaluation.Tests;

/// <summary>Loopback OpenAI-compatible servers that answer benchmark problems with their gold answers.</summary>
internal static class AnsweringServer
{
    /// <summary>
    /// Starts a server that streams "\boxed{gold}" for whichever problem of <paramref name="problems"/> the request asks,
    /// after <paramref name="delay"/>(problem) (a request for an unknown problem gets "\boxed{?}").
    /// </summary>
    public static LoopbackChatServer Start(IReadOnlyList<BenchmarkProblem> problems, Func<BenchmarkProblem?, TimeSpan> delay)
    {
        var server = LoopbackChatServer.Start();
        server.Responder = request =>
        {
            // Any message may carry the problem: flux puts it in the navigator's and the tutor's earlier turns.
            var prompt = string.Join("\n", request.JsonObject["messages"]!.AsArray().Select(m => m!["content"]!.ToString()));
            var problem = problems.FirstOrDefault(p => prompt.Contains(p.Problem, StringComparison.Ordinal));
            var reply = request.JsonObject["stream"]?.GetValue<bool>() == true
                ? LoopbackReply.StreamedCompletion(["The answer is ", $"\\boxed{{{problem?.Answer ?? "?"}}}."])
                : LoopbackReply.Completion($"The answer is \\boxed{{{problem?.Answer ?? "?"}}}.");
            return reply with { Delay = delay(problem) };
        };
        return server;
    }
}
