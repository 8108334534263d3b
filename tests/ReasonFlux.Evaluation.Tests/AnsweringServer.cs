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
            var prompt = request.JsonObject["messages"]!.AsArray().Last()!["content"]!.ToString();
            var problem = problems.FirstOrDefault(p => prompt.Contains(p.Problem, StringComparison.Ordinal));
            return LoopbackReply.StreamedCompletion(["The answer is ", $"\\boxed{{{problem?.Answer ?? "?"}}}."]) with { Delay = delay(problem) };
        };
        return server;
    }
}
