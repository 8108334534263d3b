using Microsoft.Extensions.AI;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Models.Tests.Middleware;

public sealed class UsageAccountingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IChatClient Client(LoopbackChatServer server, UsageMeter meter) =>
        new ChatClientBuilder(OpenAIEndpoint.CreateChatClient(new() { Endpoint = server.BaseUri, Model = "m", ApiKey = "k" }))
            .UseUsageAccounting(meter)
            .Build();

    [Fact]
    public async Task Meter_sums_tokens_of_whole_and_streamed_calls()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(
            LoopbackReply.Completion("a", promptTokens: 5, completionTokens: 7),
            LoopbackReply.Completion("b", promptTokens: 10, completionTokens: 2),
            LoopbackReply.StreamedCompletion(["c", "d"], promptTokens: 3, completionTokens: 4));
        var meter = new UsageMeter();
        using var client = Client(server, meter);

        await client.GetResponseAsync("q", cancellationToken: Ct);
        await client.GetResponseAsync("q", cancellationToken: Ct);
        await foreach (var _ in client.GetStreamingResponseAsync("q", cancellationToken: Ct)) { }

        var totals = meter.Snapshot();
        Assert.Equal((3L, 18L, 13L, 31L, 0L), (totals.Calls, totals.PromptTokens, totals.CompletionTokens, totals.TotalTokens, totals.FailedCalls));
    }

    [Fact]
    public async Task Meter_is_exact_under_parallel_calls()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => LoopbackReply.Completion("x", promptTokens: 3, completionTokens: 1);
        var meter = new UsageMeter();
        using var client = Client(server, meter);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.GetResponseAsync("q", cancellationToken: Ct)));

        var totals = meter.Snapshot();
        Assert.Equal((40L, 120L, 40L), (totals.Calls, totals.PromptTokens, totals.CompletionTokens));
    }

    [Fact]
    public async Task Failed_call_is_counted_as_a_failure()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Error(401, "no"));
        var meter = new UsageMeter();
        using var client = Client(server, meter);

        await Assert.ThrowsAsync<ModelBackendException>(() => client.GetResponseAsync("q", cancellationToken: Ct));

        Assert.Equal((1L, 1L, 0L), (meter.Snapshot().Calls, meter.Snapshot().FailedCalls, meter.Snapshot().PromptTokens));
    }

    [Fact]
    public async Task Stream_abandoned_early_is_still_counted_as_a_call()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.StreamedCompletion(["a", "b", "c"]));
        var meter = new UsageMeter();
        using var client = Client(server, meter);

        await foreach (var update in client.GetStreamingResponseAsync("q", cancellationToken: Ct))
        {
            if (update.Text == "a") break;
        }

        var totals = meter.Snapshot();
        Assert.Equal((1L, 0L, 1L), (totals.Calls, totals.FailedCalls, totals.CallsWithoutUsage));
    }

    [Fact]
    public void Meter_records_latency_and_keeps_the_slowest()
    {
        var meter = new UsageMeter();

        meter.RecordCall(new UsageDetails { InputTokenCount = 1, OutputTokenCount = 2 }, TimeSpan.FromMilliseconds(30));
        meter.RecordCall(null, TimeSpan.FromMilliseconds(10));

        var totals = meter.Snapshot();
        Assert.Equal((TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(20), 1L),
            (totals.TotalLatency, totals.MaxLatency, totals.MeanLatency, totals.CallsWithoutUsage));
    }
}
