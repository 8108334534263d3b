using Microsoft.Extensions.AI;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Models.Tests.OpenAICompatible;

public sealed class OpenAIErrorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IChatClient Client(Uri endpoint, string model = "qwen-test", TimeSpan? timeout = null) =>
        OpenAIEndpoint.CreateChatClient(new() { Endpoint = endpoint, Model = model, ApiKey = "k", NetworkTimeout = timeout });

    private static async Task<string> StreamAll(IChatClient client)
    {
        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync("hi", cancellationToken: Ct)) text += update.Text;
        return text;
    }

    [Theory]
    [InlineData("{not json at all")]
    [InlineData("""{"id":"x","object":"chat.completion.chunk","created":1,"model":"m","choices":5}""")]
    [InlineData("""{"id":"x","object":"chat.completion.chunk","created":"yesterday","model":"m","choices":[]}""")]
    public async Task A_malformed_stream_is_a_backend_error_naming_the_endpoint(string chunk)
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(new LoopbackReply { ContentType = "text/event-stream", Events = [chunk, "[DONE]"] });
        using var client = Client(server.BaseUri);

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => StreamAll(client));

        Assert.StartsWith($"the reply from {server.BaseUri} could not be read", ex.Message);
        Assert.DoesNotContain("BytePositionInLine", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_reply_body_is_a_backend_error_naming_the_endpoint()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(new LoopbackReply { Body = "<html>gateway says hi</html>" });
        using var client = Client(server.BaseUri);

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => client.GetResponseAsync("hi", cancellationToken: Ct));

        Assert.StartsWith($"the reply from {server.BaseUri} could not be read", ex.Message);
        Assert.DoesNotContain("BytePositionInLine", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_refused_says_the_server_is_not_running()
    {
        var endpoint = new Uri($"http://127.0.0.1:{LoopbackChatServer.UnusedPort()}/v1");
        using var client = Client(endpoint);

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => client.GetResponseAsync("hi", cancellationToken: Ct));

        Assert.Equal($"cannot reach {endpoint}: connection refused; is the server running?", ex.Message);
    }

    [Fact]
    public async Task Connection_refused_while_streaming_gives_the_same_error()
    {
        var endpoint = new Uri($"http://127.0.0.1:{LoopbackChatServer.UnusedPort()}/v1");
        using var client = Client(endpoint);

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => StreamAll(client));

        Assert.Equal($"cannot reach {endpoint}: connection refused; is the server running?", ex.Message);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Rejected_key_names_the_api_key_option_and_variable(int status)
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Error(status, "Incorrect API key provided"));
        using var client = Client(server.BaseUri);

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => client.GetResponseAsync("hi", cancellationToken: Ct));

        Assert.Equal($"{server.BaseUri} rejected the API key (HTTP {status}: Incorrect API key provided)", ex.Problem);
        Assert.Equal(ModelRemedy.CheckApiKey, ex.Remedy);
        Assert.Equal($"{ex.Problem}; give the API key or set OPENAI_API_KEY", ex.Message);
    }

    [Fact]
    public async Task Rejected_key_while_streaming_gives_the_same_error()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Error(401, "bad key"));
        using var client = Client(server.BaseUri);

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => StreamAll(client));

        Assert.StartsWith($"{server.BaseUri} rejected the API key (HTTP 401", ex.Message);
    }

    [Fact]
    public async Task Unknown_model_names_the_model()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Error(404, "The model `nope` does not exist"));
        using var client = Client(server.BaseUri, model: "nope");

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => client.GetResponseAsync("hi", cancellationToken: Ct));

        Assert.StartsWith($"model 'nope' not found at {server.BaseUri} (HTTP 404: The model `nope` does not exist)", ex.Message);
    }

    [Fact]
    public async Task Server_error_carries_the_server_message_on_one_line()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Error(500, "CUDA out of memory\nwhile allocating"));
        using var client = Client(server.BaseUri);

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => client.GetResponseAsync("hi", cancellationToken: Ct));

        Assert.Equal($"{server.BaseUri} failed with HTTP 500: CUDA out of memory while allocating", ex.Message);
    }

    [Theory]
    [InlineData("", "length")]
    [InlineData(null, "stop")]
    [InlineData("   \n", "stop")]
    public async Task An_empty_reply_is_a_reply_with_its_finish_reason(string? content, string finish)
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Completion(content, finishReason: finish));
        using var client = Client(server.BaseUri);

        var response = await client.GetResponseAsync("hi", cancellationToken: Ct);

        Assert.True(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal(new ChatFinishReason(finish), response.FinishReason);
    }

    [Fact]
    public async Task An_empty_stream_is_a_reply()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.StreamedCompletion([]));
        using var client = Client(server.BaseUri);

        Assert.Equal("", await StreamAll(client));
    }

    [Fact]
    public async Task Stream_cut_off_before_the_finish_reason_is_an_error_not_a_short_reply()
    {
        await using var server = LoopbackChatServer.Start();
        var whole = LoopbackReply.StreamedCompletion(["partial ", "answer"]);
        server.Enqueue(whole with { Events = whole.Events!.Take(3).ToList(), AbortAfterEvents = true });
        using var client = Client(server.BaseUri);

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => StreamAll(client));

        Assert.Equal($"the reply stream from {server.BaseUri} for model qwen-test ended before the model finished; the connection dropped or the server failed mid-reply", ex.Message);
    }

    [Fact]
    public async Task Network_timeout_says_the_server_did_not_answer()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Completion("late") with { Delay = TimeSpan.FromSeconds(10) });
        using var client = Client(server.BaseUri, timeout: TimeSpan.FromMilliseconds(200));

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => client.GetResponseAsync("hi", cancellationToken: Ct));

        Assert.StartsWith($"{server.BaseUri} did not answer in time", ex.Message);
    }

    [Fact]
    public async Task Caller_cancellation_surfaces_as_cancellation_not_a_backend_error()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Completion("late") with { Delay = TimeSpan.FromSeconds(10) });
        using var client = Client(server.BaseUri);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("hi", cancellationToken: cts.Token));
    }

    [Fact]
    public async Task Caller_cancellation_mid_stream_surfaces_as_cancellation()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.StreamedCompletion(["a", "b", "c"]) with { EventDelay = TimeSpan.FromSeconds(2) });
        using var client = Client(server.BaseUri);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync("hi", cancellationToken: cts.Token)) { }
        });
    }
}
