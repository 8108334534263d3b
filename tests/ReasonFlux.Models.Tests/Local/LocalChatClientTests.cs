using Microsoft.Extensions.AI;
using ReasonFlux.Models.Local;

namespace ReasonFlux.Models.Tests.Local;

public sealed class LocalChatClientTests(StoriesModelFixture fixture) : IClassFixture<StoriesModelFixture>
{
    private static readonly ChatOptions Greedy = new() { Temperature = 0, MaxOutputTokens = 40, Seed = 1 };
    private readonly LocalChatClient _client = new(fixture.Model);

    private static List<ChatMessage> Prompt(string text) => [new(ChatRole.User, text)];

    [Fact]
    public async Task Greedy_decoding_gives_the_same_text_twice()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = await _client.GetResponseAsync(Prompt("Once upon a time"), Greedy, ct);
        var second = await _client.GetResponseAsync(Prompt("Once upon a time"), Greedy, ct);
        Assert.False(string.IsNullOrWhiteSpace(first.Text));
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task Greedy_continuation_of_the_stories_prompt_is_the_known_story()
    {
        var reply = await _client.GetResponseAsync(Prompt("Once upon a time"), Greedy, TestContext.Current.CancellationToken);
        Assert.StartsWith(", there was a little girl named Lily", reply.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(25)]
    public async Task Max_output_tokens_is_respected_and_reported_as_length(int max)
    {
        var reply = await _client.GetResponseAsync(Prompt("Once upon a time"), new ChatOptions { Temperature = 0, MaxOutputTokens = max }, TestContext.Current.CancellationToken);
        Assert.Equal(max, reply.Usage?.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, reply.FinishReason);
    }

    [Fact]
    public async Task Usage_counts_the_prompt_tokens()
    {
        var reply = await _client.GetResponseAsync(Prompt("Once upon a time"), Greedy, TestContext.Current.CancellationToken);
        Assert.InRange(reply.Usage?.InputTokenCount ?? 0, 4, 8);
    }

    [Fact]
    public async Task Stop_sequence_ends_the_reply_before_it_and_is_not_returned()
    {
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 40, StopSequences = ["girl"] };
        var reply = await _client.GetResponseAsync(Prompt("Once upon a time"), options, TestContext.Current.CancellationToken);
        Assert.Equal(", there was a little ", reply.Text);
        Assert.Equal(ChatFinishReason.Stop, reply.FinishReason);
    }

    [Fact]
    public async Task Streaming_yields_the_same_text_as_the_whole_reply()
    {
        var ct = TestContext.Current.CancellationToken;
        var whole = await _client.GetResponseAsync(Prompt("Once upon a time"), Greedy, ct);
        var pieces = new List<string>();
        await foreach (var update in _client.GetStreamingResponseAsync(Prompt("Once upon a time"), Greedy, ct))
            if (update.Text.Length > 0) pieces.Add(update.Text);
        Assert.True(pieces.Count > 5);
        Assert.Equal(whole.Text, string.Concat(pieces));
    }

    [Fact]
    public async Task Streaming_and_whole_replies_agree_for_long_replies_of_many_prompts()
    {
        // The whole reply is turned into text once at the end; streamed pieces token by token.
        var ct = TestContext.Current.CancellationToken;
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 300 };
        foreach (var p in new[] { "Once upon a time", "The cat", "Lily and Tom", "Tim had a ball" })
        {
            var whole = await _client.GetResponseAsync(Prompt(p), options, ct);
            var streamed = new System.Text.StringBuilder();
            await foreach (var update in _client.GetStreamingResponseAsync(Prompt(p), options, ct)) streamed.Append(update.Text);
            Assert.Equal(streamed.ToString(), whole.Text);
        }
    }

    [Fact]
    public async Task Temperature_zero_picks_the_same_tokens_as_the_full_sampling_chain_at_temperature_zero()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.IsType<LLama.Sampling.GreedySamplingPipeline>(LocalChatClient.CreateSampler(new ChatOptions { Temperature = 0 }));
        foreach (var p in new[] { "Once upon a time", "The cat", "Lily and Tom", "One day", "A little dog", "The sun was" })
        {
            var greedy = await _client.GetResponseAsync(Prompt(p), new ChatOptions { Temperature = 0, MaxOutputTokens = 200 }, ct);
            var tokens = fixture.Model.Weights.Tokenize(p, true, true, System.Text.Encoding.UTF8);
            var chain = new DecodingSequence(tokens, 200, new LLama.Sampling.DefaultSamplingPipeline { Temperature = 0, TopP = 0.95f, Seed = 5, RepeatPenalty = 1f },
                new LLama.StreamingTokenDecoder(System.Text.Encoding.UTF8, fixture.Model.Weights), stops: null, stream: false);
            fixture.Model.Submit(chain);
            await chain.Output.Completion.WaitAsync(ct);
            Assert.Equal(chain.CollectedText, greedy.Text);
        }
    }

    [Fact]
    public async Task Assistant_prefill_is_continued_rather_than_answered()
    {
        var ct = TestContext.Current.CancellationToken;
        var full = await _client.GetResponseAsync(Prompt("Once upon a time"), Greedy, ct);
        var prefix = ", there was a little";
        var messages = Prompt("Once upon a time");
        messages.Add(new ChatMessage(ChatRole.Assistant, prefix));
        var continued = await _client.GetResponseAsync(messages, new ChatOptions { Temperature = 0, MaxOutputTokens = 10 }, ct);
        Assert.StartsWith(continued.Text, full.Text[prefix.Length..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_generation_with_an_exception()
    {
        using var cts = new CancellationTokenSource();
        var seen = 0;
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 1000 };
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in _client.GetStreamingResponseAsync(Prompt("Once upon a time"), options, cts.Token))
            {
                if (++seen == 3) await cts.CancelAsync();
            }
        });
        Assert.Equal(3, seen);
    }

    [Fact]
    public async Task Same_seed_gives_the_same_sampled_text()
    {
        var ct = TestContext.Current.CancellationToken;
        var options = new ChatOptions { Temperature = 1.0f, TopP = 0.95f, MaxOutputTokens = 30, Seed = 42 };
        var a = await _client.GetResponseAsync(Prompt("Once upon a time"), options, ct);
        var b = await _client.GetResponseAsync(Prompt("Once upon a time"), options, ct);
        Assert.Equal(a.Text, b.Text);
    }
}
