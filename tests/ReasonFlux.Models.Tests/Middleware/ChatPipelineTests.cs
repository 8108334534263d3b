using ReasonFlux.ModelCalls;
using Microsoft.Extensions.AI;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Models.Tests.Middleware;

public sealed class ChatPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ModelCallPolicy Policy = new()
    {
        Retry = new() { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        MaxConcurrency = 2,
    };

    /// <summary>The pipeline as a solve sees it: its own recording layer around the host's pipeline.</summary>
    private static RecordingChatClient Client(LoopbackChatServer server, ModelCallRecorder recorder) =>
        new RecordingChatClient(ChatPipeline.Wrap(OpenAIEndpoint.CreateChatClient(new() { Endpoint = server.BaseUri, Model = "m", ApiKey = "k" }), Policy), recorder, new("inference"));

    [Fact]
    public async Task A_retried_call_is_one_record_that_counts_its_attempts()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Error(429, "busy"), LoopbackReply.Completion("ok", promptTokens: 8, completionTokens: 1));
        var recorder = new ModelCallRecorder();
        using var client = Client(server, recorder);

        await client.GetResponseAsync("q", cancellationToken: Ct);

        Assert.Equal((2, 1L, 8L), (server.Requests.Count, recorder.Totals.Calls, recorder.Totals.PromptTokens));
        var record = Assert.Single(recorder.Records);
        Assert.Equal(("inference", 2), (record.Label.Purpose, record.Attempts));
    }

    [Fact]
    public async Task Streaming_through_the_pipeline_keeps_order_and_counts_usage()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Error(502, "gateway"), LoopbackReply.StreamedCompletion(["1", "2", "3"], promptTokens: 2, completionTokens: 3));
        var recorder = new ModelCallRecorder();
        using var client = Client(server, recorder);

        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync("count", cancellationToken: Ct)) text += update.Text;

        Assert.Equal(("123", 3L), (text, recorder.Totals.CompletionTokens));
        Assert.Equal(("123", 2), (Assert.Single(recorder.Records).ReplyText, recorder.Records[0].Attempts));
    }

    [Fact]
    public async Task A_call_the_retries_give_up_on_is_one_failed_record_with_every_attempt()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => LoopbackReply.Error(503, "busy");
        var recorder = new ModelCallRecorder();
        using var client = Client(server, recorder);

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => client.GetResponseAsync("q", cancellationToken: Ct));

        var record = Assert.Single(recorder.Records);
        Assert.Equal((3, ex.Message, 1L), (record.Attempts, record.Error, recorder.Totals.FailedCalls));
    }

    [Fact]
    public async Task Limit_holds_across_retries_and_parallel_callers()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = request => request.Index % 3 == 0
            ? LoopbackReply.Error(503, "busy")
            : LoopbackReply.Completion("ok") with { Delay = TimeSpan.FromMilliseconds(20) };
        var recorder = new ModelCallRecorder();
        using var client = Client(server, recorder);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.GetResponseAsync("q", cancellationToken: Ct)));

        Assert.InRange(server.MaxConcurrentRequests, 1, 2);
        Assert.Equal((10L, 0L), (recorder.Totals.Calls, recorder.Totals.FailedCalls));
    }

    [Fact]
    public async Task Cancellation_propagates_through_every_layer()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Completion("slow") with { Delay = TimeSpan.FromSeconds(10) });
        var recorder = new ModelCallRecorder();
        using var client = Client(server, recorder);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        // Cancel once the request is in flight at the server, however slow a loaded machine is to get it there.
        var call = client.GetResponseAsync("q", cancellationToken: cts.Token);
        while (server.Requests.Count == 0 && !call.IsCompleted) await Task.Delay(10, Ct);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(server.Requests);
        Assert.NotNull(Assert.Single(recorder.Records).Error);
    }

    [Fact]
    public void Policy_with_everything_off_returns_a_working_client_without_layers()
    {
        var inner = OpenAIEndpoint.CreateChatClient(new() { Endpoint = new Uri("http://127.0.0.1:1/v1"), Model = "m" });

        using var client = ChatPipeline.Wrap(inner, new ModelCallPolicy { Retry = new() { MaxAttempts = 1 } });

        Assert.Same(inner, client);
    }
}
