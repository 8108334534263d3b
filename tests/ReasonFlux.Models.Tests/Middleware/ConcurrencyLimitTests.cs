using Microsoft.Extensions.AI;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Models.Tests.Middleware;

public sealed class ConcurrencyLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IChatClient Client(LoopbackChatServer server, int limit) =>
        new ChatClientBuilder(OpenAIEndpoint.CreateChatClient(new() { Endpoint = server.BaseUri, Model = "m", ApiKey = "k" }))
            .UseConcurrencyLimit(limit)
            .Build();

    [Fact]
    public async Task Limiter_never_lets_more_than_the_limit_reach_the_server()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => LoopbackReply.Completion("ok") with { Delay = TimeSpan.FromMilliseconds(40) };
        using var client = Client(server, limit: 2);

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.GetResponseAsync("q", cancellationToken: Ct)));

        Assert.All(replies, r => Assert.Equal("ok", r.Text));
        Assert.InRange(server.MaxConcurrentRequests, 1, 2);
    }

    [Fact]
    public async Task A_stream_holds_its_slot_until_it_ends()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => LoopbackReply.StreamedCompletion(["a", "b", "c"]) with { EventDelay = TimeSpan.FromMilliseconds(10) };
        using var client = Client(server, limit: 1);

        async Task<string> Read()
        {
            var text = "";
            await foreach (var update in client.GetStreamingResponseAsync("q", cancellationToken: Ct)) text += update.Text;
            return text;
        }
        var texts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Read()));

        Assert.All(texts, t => Assert.Equal("abc", t));
        Assert.Equal(1, server.MaxConcurrentRequests);
    }

    [Fact]
    public async Task Waiting_for_a_slot_can_be_cancelled()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Completion("slow") with { Delay = TimeSpan.FromSeconds(10) });
        using var client = Client(server, limit: 1);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var first = client.GetResponseAsync("q", cancellationToken: cts.Token);

        cts.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("q", cancellationToken: cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
    }

    [Fact]
    public void Limit_below_one_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ChatClientBuilder(new ChatClientBuilder(
            OpenAIEndpoint.CreateChatClient(new() { Endpoint = new Uri("http://127.0.0.1:1/v1"), Model = "m" })).Build()).UseConcurrencyLimit(0));
    }
}
