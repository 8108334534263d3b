using Microsoft.Extensions.AI;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Models.Tests.Middleware;

public sealed class ChatPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ModelCallPolicy Policy(UsageMeter meter, ICallLog log) => new()
    {
        Retry = new() { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        MaxConcurrency = 2,
        Meter = meter,
        CallLog = log,
        Label = "inference",
    };

    private static IChatClient Client(LoopbackChatServer server, ModelCallPolicy policy) =>
        ChatPipeline.Wrap(OpenAIEndpoint.CreateChatClient(new() { Endpoint = server.BaseUri, Model = "m", ApiKey = "k" }), policy);

    [Fact]
    public async Task A_retried_call_is_one_logical_call_for_the_meter_and_the_log()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Error(429, "busy"), LoopbackReply.Completion("ok", promptTokens: 8, completionTokens: 1));
        var (meter, log) = (new UsageMeter(), new InMemoryCallLog());
        using var client = Client(server, Policy(meter, log));

        await client.GetResponseAsync("q", cancellationToken: Ct);

        Assert.Equal((2, 1L, 8L), (server.Requests.Count, meter.Snapshot().Calls, meter.Snapshot().PromptTokens));
        Assert.Equal("inference", Assert.Single(log.Records).Label);
    }

    [Fact]
    public async Task Streaming_through_the_pipeline_keeps_order_and_counts_usage()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Error(502, "gateway"), LoopbackReply.StreamedCompletion(["1", "2", "3"], promptTokens: 2, completionTokens: 3));
        var (meter, log) = (new UsageMeter(), new InMemoryCallLog());
        using var client = Client(server, Policy(meter, log));

        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync("count", cancellationToken: Ct)) text += update.Text;

        Assert.Equal(("123", 3L), (text, meter.Snapshot().CompletionTokens));
        Assert.Equal("123", Assert.Single(log.Records).ReplyText);
    }

    [Fact]
    public async Task Limit_holds_across_retries_and_parallel_callers()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = request => request.Index % 3 == 0
            ? LoopbackReply.Error(503, "busy")
            : LoopbackReply.Completion("ok") with { Delay = TimeSpan.FromMilliseconds(20) };
        var (meter, log) = (new UsageMeter(), new InMemoryCallLog());
        using var client = Client(server, Policy(meter, log));

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetResponseAsync("q", cancellationToken: Ct)));

        Assert.InRange(server.MaxConcurrentRequests, 1, 2);
        Assert.Equal((10L, 0L), (meter.Snapshot().Calls, meter.Snapshot().FailedCalls));
    }

    [Fact]
    public async Task Cancellation_propagates_through_every_layer()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Completion("slow") with { Delay = TimeSpan.FromSeconds(10) });
        var (meter, log) = (new UsageMeter(), new InMemoryCallLog());
        using var client = Client(server, Policy(meter, log));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("q", cancellationToken: cts.Token));
        Assert.Single(server.Requests);
    }

    [Fact]
    public void Policy_with_everything_off_returns_a_working_client_without_layers()
    {
        var inner = OpenAIEndpoint.CreateChatClient(new() { Endpoint = new Uri("http://127.0.0.1:1/v1"), Model = "m" });

        using var client = ChatPipeline.Wrap(inner, new ModelCallPolicy { Retry = new() { MaxAttempts = 1 } });

        Assert.Same(inner, client);
    }
}
