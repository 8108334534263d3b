using Microsoft.Extensions.AI;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Models.Tests.Middleware;

public sealed class CallLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IChatClient Client(LoopbackChatServer server, ICallLog log) =>
        new ChatClientBuilder(OpenAIEndpoint.CreateChatClient(new() { Endpoint = server.BaseUri, Model = "m", ApiKey = "k" }))
            .UseCallLog(log, "navigator")
            .Build();

    [Fact]
    public async Task Whole_reply_is_logged_with_messages_usage_and_label()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Completion("plan: 1. factor", promptTokens: 12, completionTokens: 4));
        var log = new InMemoryCallLog();
        using var client = Client(server, log);

        await client.GetResponseAsync([new(ChatRole.System, "you plan"), new(ChatRole.User, "x^2-1=0")], cancellationToken: Ct);

        var record = Assert.Single(log.Records);
        Assert.Equal(("navigator", "plan: 1. factor", 12L, 4L, ChatFinishReason.Stop, (string?)null),
            (record.Label, record.ReplyText, record.Usage?.InputTokenCount, record.Usage?.OutputTokenCount, record.FinishReason, record.Error));
        Assert.Equal(["you plan", "x^2-1=0"], record.Messages.Select(m => m.Text));
    }

    [Fact]
    public async Task Streamed_reply_is_logged_as_its_joined_text_with_usage()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.StreamedCompletion(["x = ", "1"], promptTokens: 6, completionTokens: 2));
        var log = new InMemoryCallLog();
        using var client = Client(server, log);

        await foreach (var _ in client.GetStreamingResponseAsync("solve", cancellationToken: Ct)) { }

        var record = Assert.Single(log.Records);
        Assert.Equal(("x = 1", 6L, 2L), (record.ReplyText, record.Usage?.InputTokenCount, record.Usage?.OutputTokenCount));
    }

    [Fact]
    public async Task Failed_call_is_logged_with_its_error()
    {
        await using var server = LoopbackChatServer.Start();
        // A refused request (an empty reply is a reply, not a failure).
        server.Enqueue(LoopbackReply.Error(400, "bad request"));
        var log = new InMemoryCallLog();
        using var client = Client(server, log);

        var ex = await Assert.ThrowsAsync<ModelBackendException>(() => client.GetResponseAsync("q", cancellationToken: Ct));

        Assert.Equal(ex.Message, Assert.Single(log.Records).Error);
    }
}
