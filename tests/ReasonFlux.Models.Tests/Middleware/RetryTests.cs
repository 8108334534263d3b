using System.Collections.Concurrent;
using Microsoft.Extensions.AI;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Models.Tests.Middleware;

public sealed class RetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ModelRetryOptions Fast = new() { MaxAttempts = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };

    private static IChatClient Client(Uri endpoint, ModelRetryOptions retry, TimeSpan? timeout = null) =>
        new ChatClientBuilder(OpenAIEndpoint.CreateChatClient(new() { Endpoint = endpoint, Model = "m", ApiKey = "k", NetworkTimeout = timeout }))
            .UseReasonFluxRetries(retry)
            .Build();

    [Fact]
    public async Task Rate_limited_call_is_retried_and_succeeds()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Error(429, "slow down"), LoopbackReply.Completion("42"));
        using var client = Client(server.BaseUri, Fast);

        var response = await client.GetResponseAsync("q", cancellationToken: Ct);

        Assert.Equal(("42", 2), (response.Text, server.Requests.Count));
    }

    [Fact]
    public async Task Retry_sends_the_same_request_body_again()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Error(503, "warming up"), LoopbackReply.Completion("ok"));
        using var client = Client(server.BaseUri, Fast);

        await client.GetResponseAsync([new(ChatRole.User, "q")], new ChatOptions { Temperature = 0.2f }, Ct);

        Assert.Equal(server.Requests[0].Body, server.Requests[1].Body);
    }

    [Fact]
    public async Task Retry_After_seconds_replace_the_backoff()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Error(429, "busy").WithHeader("Retry-After", "0"), LoopbackReply.Completion("ok"));
        var notices = new ConcurrentQueue<ModelRetryNotice>();
        // An hour of backoff: the call only finishes in time because the server's Retry-After: 0 is used instead.
        var retry = new ModelRetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromHours(1), MaxDelay = TimeSpan.FromHours(1), OnRetry = notices.Enqueue };
        using var client = Client(server.BaseUri, retry);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        bound.CancelAfter(TimeSpan.FromSeconds(20)); // ignoring Retry-After fails here instead of hanging for an hour

        await client.GetResponseAsync("q", cancellationToken: bound.Token);

        Assert.Equal(TimeSpan.Zero, Assert.Single(notices).Delay);
    }

    [Fact]
    public async Task Retry_After_milliseconds_header_is_honoured()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Error(429, "busy").WithHeader("retry-after-ms", "20"), LoopbackReply.Completion("ok"));
        var notices = new ConcurrentQueue<ModelRetryNotice>();
        using var client = Client(server.BaseUri, Fast with { OnRetry = notices.Enqueue });

        await client.GetResponseAsync("q", cancellationToken: Ct);

        var notice = Assert.Single(notices);
        Assert.Equal((1, TimeSpan.FromMilliseconds(20)), (notice.FailedAttempt, notice.Delay));
    }

    [Fact]
    public async Task Repeated_server_errors_end_in_a_clear_error_after_the_configured_attempts()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => LoopbackReply.Error(500, "model crashed");
        using var client = Client(server.BaseUri, Fast);

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => client.GetResponseAsync("q", cancellationToken: Ct));

        Assert.Equal($"{server.BaseUri} failed with HTTP 500: model crashed; gave up after 3 attempts", ex.Message);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Rejected_key_is_not_retried()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => LoopbackReply.Error(401, "bad key");
        using var client = Client(server.BaseUri, Fast);

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => client.GetResponseAsync("q", cancellationToken: Ct));

        Assert.Equal(ModelRemedy.CheckApiKey, ex.Remedy);
        Assert.Contains("give the API key or set OPENAI_API_KEY", ex.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Refused_connection_is_reported_at_once_without_retries()
    {
        var endpoint = new Uri($"http://127.0.0.1:{LoopbackChatServer.UnusedPort()}/v1");
        var notices = new ConcurrentQueue<ModelRetryNotice>();
        using var client = Client(endpoint, Fast with { OnRetry = notices.Enqueue });

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => client.GetResponseAsync("q", cancellationToken: Ct));

        Assert.Equal($"cannot reach {endpoint}: connection refused; is the server running?", ex.Message);
        Assert.Empty(notices);
    }

    [Fact]
    public async Task Network_timeout_is_retried()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Completion("late") with { Delay = TimeSpan.FromSeconds(10) }, LoopbackReply.Completion("fresh"));
        using var client = Client(server.BaseUri, Fast, timeout: TimeSpan.FromMilliseconds(300));

        var response = await client.GetResponseAsync("q", cancellationToken: Ct);

        Assert.Equal(("fresh", 2), (response.Text, server.Requests.Count));
    }

    [Fact]
    public async Task Stream_is_retried_while_nothing_was_yielded()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Error(503, "warming up"), LoopbackReply.StreamedCompletion(["a", "b"]));
        using var client = Client(server.BaseUri, Fast);

        var text = "";
        await foreach (var update in client.GetStreamingResponseAsync("q", cancellationToken: Ct)) text += update.Text;

        Assert.Equal(("ab", 2), (text, server.Requests.Count));
    }

    [Fact]
    public async Task Stream_that_breaks_after_text_was_yielded_is_not_retried()
    {
        await using var server = LoopbackChatServer.Start();
        var broken = LoopbackReply.StreamedCompletion(["a", "b"]);
        server.Enqueue(broken with { Events = broken.Events!.Take(2).ToList(), AbortAfterEvents = true }, LoopbackReply.StreamedCompletion(["x"]));
        using var client = Client(server.BaseUri, Fast);

        var seen = new List<string>();
        await Assert.ThrowsAsync<ModelBackendException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("q", cancellationToken: Ct)) seen.Add(update.Text);
        });

        Assert.Equal(["", "a"], seen);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancellation_during_backoff_propagates()
    {
        await using var server = LoopbackChatServer.Start();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // Cancel only once the first attempt has been answered, so the cancellation lands in the hour-long backoff
        // however slowly the machine runs.
        server.Responder = _ =>
        {
            cts.CancelAfter(TimeSpan.FromMilliseconds(100));
            return LoopbackReply.Error(500, "down");
        };
        using var client = Client(server.BaseUri, Fast with { BaseDelay = TimeSpan.FromHours(1), MaxDelay = TimeSpan.FromHours(1) });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("q", cancellationToken: cts.Token));
        Assert.Single(server.Requests);
    }
}
