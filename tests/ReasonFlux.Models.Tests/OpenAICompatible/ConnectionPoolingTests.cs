using Microsoft.Extensions.AI;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Models.Tests.OpenAICompatible;

/// <summary>The OpenAI-compatible client keeps its connections open and reuses them instead of opening one per request.</summary>
public sealed class ConnectionPoolingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LoopbackChatServer SlowishServer()
    {
        var server = LoopbackChatServer.Start();
        // A short delay keeps requests overlapping, so the pool must hold several connections at once.
        server.Responder = _ => LoopbackReply.Completion("ok") with { Delay = TimeSpan.FromMilliseconds(5) };
        return server;
    }

    [Fact]
    public async Task Two_hundred_requests_from_six_callers_use_at_most_six_connections()
    {
        await using var server = SlowishServer();
        using var client = OpenAIEndpoint.CreateChatClient(new() { Endpoint = server.BaseUri, Model = "m", ApiKey = "k" });

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = Ct },
            async (i, ct) => await client.GetResponseAsync($"question {i}", cancellationToken: ct));

        Assert.Equal(200, server.Requests.Count);
        Assert.InRange(server.Connections, 1, 6);
    }

    [Fact]
    public async Task Concurrency_limit_of_three_keeps_sixteen_callers_on_at_most_three_connections()
    {
        await using var server = SlowishServer();
        using var client = ChatPipeline.Wrap(OpenAIEndpoint.CreateChatClient(new() { Endpoint = server.BaseUri, Model = "m", ApiKey = "k" }),
            new ModelCallPolicy { MaxConcurrency = 3, Retry = new ModelRetryOptions { MaxAttempts = 3 } });

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = Ct },
            async (i, ct) => await client.GetResponseAsync($"question {i}", cancellationToken: ct));

        Assert.Equal(200, server.Requests.Count);
        Assert.InRange(server.Connections, 1, 3);
    }

    [Fact]
    public async Task Streamed_replies_read_to_the_end_return_their_connection_to_the_pool()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => LoopbackReply.StreamedCompletion(["a", "b", "c"]);
        using var client = OpenAIEndpoint.CreateChatClient(new() { Endpoint = server.BaseUri, Model = "m", ApiKey = "k" });

        await Parallel.ForEachAsync(Enumerable.Range(0, 100), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct },
            async (i, ct) =>
            {
                await foreach (var _ in client.GetStreamingResponseAsync($"question {i}", cancellationToken: ct)) { }
            });

        Assert.Equal(100, server.Requests.Count);
        Assert.InRange(server.Connections, 1, 4);
    }

    [Fact]
    public async Task Two_clients_for_the_same_server_share_one_pooled_connection_when_calls_take_turns()
    {
        await using var server = LoopbackChatServer.Start();
        using var navigator = OpenAIEndpoint.CreateChatClient(new() { Endpoint = server.BaseUri, Model = "navigator", ApiKey = "k" });
        using var inference = OpenAIEndpoint.CreateChatClient(new() { Endpoint = server.BaseUri, Model = "inference", ApiKey = "k" });

        for (var i = 0; i < 20; i++)
        {
            await navigator.GetResponseAsync($"plan {i}", cancellationToken: Ct);
            await inference.GetResponseAsync($"step {i}", cancellationToken: Ct);
        }

        Assert.Equal(40, server.Requests.Count);
        Assert.Equal(1, server.Connections);
    }
}
