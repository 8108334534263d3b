using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;
using ReasonFlux.Reasoning.Direct;

namespace ReasonFlux.Reasoning.Tests.Direct;

/// <summary>Answer extraction and voting over replies from a real OpenAI-compatible loopback server.</summary>
public sealed class DirectSolverVotingTests
{
    private static DirectSolver Solver(LoopbackChatServer server, int samples) => new(
        OpenAIEndpoint.CreateChatClient(new OpenAIEndpointOptions { Endpoint = server.BaseUri, Model = "scripted" }),
        new DirectSolverOptions { Samples = samples, Seed = 1, StartsInThinking = true });

    private static LoopbackReply Streamed(string text) => LoopbackReply.StreamedCompletion([text]);

    [Fact]
    public async Task Equivalent_answers_vote_together()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(
            Streamed("x is 3\n</think>\nSo \\boxed{3}."),
            Streamed("half\n</think>\nThe answer is \\boxed{\\frac{1}{2}}."),
            Streamed("0.5\n</think>\n\\boxed{0.5}"),
            Streamed("1/2\n</think>\nFinal: \\boxed{1/2}"));
        var solution = await Solver(server, 4).SolveAsync(new SolveRequest("What is 1/2?"), TestContext.Current.CancellationToken);
        Assert.Equal("\\frac{1}{2}", solution.Answer);
        Assert.Equal("half", solution.Thinking);
        Assert.Equal(4, server.Requests.Count);
    }

    [Fact]
    public async Task Thinking_is_split_from_the_answer_for_a_server_that_opens_thinking_in_its_template()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(Streamed("Let me add 2 and 2.\n</think>\n\nThe sum is \\boxed{4}."));
        var solution = await Solver(server, 1).SolveAsync(new SolveRequest("2+2?"), TestContext.Current.CancellationToken);
        Assert.Equal("4", solution.Answer);
        Assert.Equal("Let me add 2 and 2.", solution.Thinking);
        Assert.Equal("The sum is \\boxed{4}.", solution.Samples[0].AnswerText);
    }

    [Fact]
    public async Task Request_carries_the_instruction_with_the_problem_and_the_sampling_settings()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(Streamed("ok\n</think>\n\\boxed{1}"));
        var solver = new DirectSolver(
            OpenAIEndpoint.CreateChatClient(new OpenAIEndpointOptions { Endpoint = server.BaseUri, Model = "scripted" }),
            new DirectSolverOptions { Temperature = 0.6f, TopP = 0.95f, Seed = 11, MaxTokens = 1234 });
        await solver.SolveAsync(new SolveRequest("Compute 1."), TestContext.Current.CancellationToken);
        var body = server.Requests[0].JsonObject;
        Assert.Equal("scripted", (string?)body["model"]);
        Assert.Equal(0.6, (double)body["temperature"]!, 3);
        Assert.Equal(0.95, (double)body["top_p"]!, 3);
        Assert.Equal(11, (int?)body["seed"]);
        Assert.Equal(1234, (int?)body["max_completion_tokens"]);
        var user = (string?)body["messages"]![0]!["content"];
        Assert.StartsWith("Compute 1.", user, StringComparison.Ordinal);
        Assert.Contains("\\boxed{}", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_watcher_each_call_asks_for_the_whole_reply_and_the_solution_is_the_same()
    {
        await using var server = LoopbackChatServer.Start();
        const string reply = "half of one\n</think>\nSo the answer is \\boxed{\\frac{1}{2}}.";
        server.Enqueue(Streamed(reply), LoopbackReply.Completion(reply));
        var ct = TestContext.Current.CancellationToken;

        var streamed = await Solver(server, 1).SolveAsync(new SolveRequest("What is 1/2?"), ct);
        var whole = await Solver(server, 1).SolveAsync(new SolveRequest("What is 1/2?") { StreamText = false }, ct);

        Assert.Equal((true, false), ((bool?)server.Requests[0].JsonObject["stream"] ?? false, (bool?)server.Requests[1].JsonObject["stream"] ?? false));
        Assert.Equal((streamed.Answer, streamed.Thinking, streamed.Text), (whole.Answer, whole.Thinking, whole.Text));
        Assert.Equal("\\frac{1}{2}", whole.Answer);
    }

    [Fact]
    public async Task A_model_that_returns_nothing_gives_a_solution_without_an_answer()
    {
        var solver = new DirectSolver(new SilentChatClient());
        var solution = await solver.SolveAsync(new SolveRequest("1+1"), TestContext.Current.CancellationToken);
        Assert.Null(solution.Answer);
        Assert.Equal("", Assert.Single(solution.Samples).Text);
    }
}
