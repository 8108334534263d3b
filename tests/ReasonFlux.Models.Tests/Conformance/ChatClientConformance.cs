using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Tests.Conformance;

/// <summary>
/// Behaviour every <see cref="IChatClient"/> backend we build must share, so solvers can rely on it whatever the model:
/// text and usage come back, streaming and non-streaming agree, the output cap is honoured and reported as
/// <see cref="ChatFinishReason.Length"/>, and cancellation throws.
/// </summary>
public abstract class ChatClientConformance
{
    /// <summary>The backend under test, wrapped in our standard middleware as the product uses it.</summary>
    protected abstract IChatClient Client { get; }

    private static List<ChatMessage> Prompt() => [new(ChatRole.User, "Once upon a time")];

    private static ChatOptions Greedy(int max) => new() { Temperature = 0, Seed = 5, MaxOutputTokens = max };

    [Fact]
    public async Task Reply_has_text_usage_and_a_model_id()
    {
        var reply = await Client.GetResponseAsync(Prompt(), Greedy(16), TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
        Assert.True(reply.Usage?.InputTokenCount > 0);
        Assert.True(reply.Usage?.OutputTokenCount > 0);
        Assert.False(string.IsNullOrEmpty(reply.ModelId));
    }

    [Fact]
    public async Task Streaming_and_non_streaming_give_the_same_text()
    {
        var ct = TestContext.Current.CancellationToken;
        var whole = await Client.GetResponseAsync(Prompt(), Greedy(16), ct);
        var streamed = await Client.GetStreamingResponseAsync(Prompt(), Greedy(16), ct).ToChatResponseAsync(ct);
        Assert.Equal(whole.Text, streamed.Text);
        Assert.Equal(whole.Usage?.OutputTokenCount, streamed.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Output_cap_is_honoured_and_reported_as_length()
    {
        var reply = await Client.GetResponseAsync(Prompt(), Greedy(3), TestContext.Current.CancellationToken);
        Assert.Equal(ChatFinishReason.Length, reply.FinishReason);
        Assert.Equal(3, reply.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Cancelled_stream_throws()
    {
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in Client.GetStreamingResponseAsync(Prompt(), Greedy(200), cts.Token))
                if (update.Text.Length > 0) await cts.CancelAsync();
        });
    }
}
