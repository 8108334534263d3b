using ReasonFlux.ModelCalls;
using Microsoft.Extensions.AI;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Models.Tests.Middleware;

public sealed class RecordingChatClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ModelCallLabel Plan = new("plan", Sample: 1, Step: 2);

    private static IChatClient Client(LoopbackChatServer server, ModelCallRecorder recorder) =>
        new ChatClientBuilder(OpenAIEndpoint.CreateChatClient(new() { Endpoint = server.BaseUri, Model = "m", ApiKey = "k" }))
            .UseCallRecording(recorder, Plan)
            .Build();

    [Fact]
    public async Task Whole_reply_is_recorded_with_messages_usage_model_and_label()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Completion("plan: 1. factor", promptTokens: 12, completionTokens: 4));
        var recorder = new ModelCallRecorder();
        using var client = Client(server, recorder);

        await client.GetResponseAsync([new(ChatRole.System, "you plan"), new(ChatRole.User, "x^2-1=0")], cancellationToken: Ct);

        var record = Assert.Single(recorder.Records);
        Assert.Equal((Plan, "plan: 1. factor", 12L, 4L, ChatFinishReason.Stop, (string?)null, 1),
            (record.Label, record.ReplyText, record.InputTokens, record.OutputTokens, record.FinishReason, record.Error, record.Attempts));
        Assert.Equal(["you plan", "x^2-1=0"], record.Messages.Select(m => m.Text));
        Assert.False(string.IsNullOrEmpty(record.ModelId));
    }

    [Fact]
    public async Task Streamed_reply_is_recorded_as_its_joined_text_with_usage()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.StreamedCompletion(["x = ", "1"], promptTokens: 6, completionTokens: 2));
        var recorder = new ModelCallRecorder();
        using var client = Client(server, recorder);

        await foreach (var _ in client.GetStreamingResponseAsync("solve", cancellationToken: Ct)) { }

        var record = Assert.Single(recorder.Records);
        Assert.Equal(("x = 1", 6L, 2L), (record.ReplyText, record.InputTokens, record.OutputTokens));
    }

    [Fact]
    public async Task Failed_call_is_recorded_with_its_error_and_counted_as_failed()
    {
        await using var server = LoopbackChatServer.Start();
        // A refused request (an empty reply is a reply, not a failure).
        server.Enqueue(LoopbackReply.Error(400, "bad request"));
        var recorder = new ModelCallRecorder();
        using var client = Client(server, recorder);

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => client.GetResponseAsync("q", cancellationToken: Ct));

        Assert.Equal(ex.Message, Assert.Single(recorder.Records).Error);
        Assert.Equal((1L, 1L, 0L), (recorder.Totals.Calls, recorder.Totals.FailedCalls, recorder.Totals.PromptTokens));
    }

    [Fact]
    public async Task Totals_sum_tokens_of_whole_and_streamed_calls()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(
            LoopbackReply.Completion("a", promptTokens: 5, completionTokens: 7),
            LoopbackReply.Completion("b", promptTokens: 10, completionTokens: 2),
            LoopbackReply.StreamedCompletion(["c", "d"], promptTokens: 3, completionTokens: 4));
        var recorder = new ModelCallRecorder();
        using var client = Client(server, recorder);

        await client.GetResponseAsync("q", cancellationToken: Ct);
        await client.GetResponseAsync("q", cancellationToken: Ct);
        await foreach (var _ in client.GetStreamingResponseAsync("q", cancellationToken: Ct)) { }

        var totals = recorder.Totals;
        Assert.Equal((3L, 18L, 13L, 31L, 0L), (totals.Calls, totals.PromptTokens, totals.CompletionTokens, totals.TotalTokens, totals.FailedCalls));
    }

    [Fact]
    public async Task Totals_are_exact_under_parallel_calls()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => LoopbackReply.Completion("x", promptTokens: 3, completionTokens: 1);
        var recorder = new ModelCallRecorder();
        using var client = Client(server, recorder);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => client.GetResponseAsync("q", cancellationToken: Ct)));

        var totals = recorder.Totals;
        Assert.Equal((40L, 120L, 40L, 40), (totals.Calls, totals.PromptTokens, totals.CompletionTokens, recorder.Records.Count));
    }

    [Fact]
    public async Task Stream_abandoned_early_is_recorded_with_the_text_read()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.StreamedCompletion(["a", "b", "c"]));
        var recorder = new ModelCallRecorder();
        using var client = Client(server, recorder);

        await foreach (var update in client.GetStreamingResponseAsync("q", cancellationToken: Ct))
        {
            if (update.Text == "a") break;
        }

        var totals = recorder.Totals;
        Assert.Equal((1L, 0L, 1L), (totals.Calls, totals.FailedCalls, totals.CallsWithoutUsage));
        Assert.Equal("a", recorder.Records[0].ReplyText);
    }

    [Fact]
    public void Totals_keep_latency_and_the_slowest_call_and_split_by_sample()
    {
        var recorder = new ModelCallRecorder();

        recorder.Record(new ModelCallRecord(new("student", 0), [], "", null, new UsageDetails { InputTokenCount = 1, OutputTokenCount = 2 }, TimeSpan.FromMilliseconds(30)));
        recorder.Record(new ModelCallRecord(new("answer", 1), [], "", null, null, TimeSpan.FromMilliseconds(10)));

        var totals = recorder.Totals;
        Assert.Equal((TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(20), 1L),
            (totals.TotalLatency, totals.MaxLatency, totals.MeanLatency, totals.CallsWithoutUsage));
        Assert.Equal((1L, 2L), (recorder.TotalsFor(0).PromptTokens, recorder.TotalsFor(0).CompletionTokens));
        Assert.Equal("answer", Assert.Single(recorder.ForSample(1)).Label.Purpose);
    }
}
