using Microsoft.Extensions.AI;
using ReasonFlux.Models;
using ReasonFlux.Models.Formats;
using ReasonFlux.Models.Local;
using ReasonFlux.Tests;

namespace ReasonFlux.Models.Tests.Local;

/// <summary>A prompt that starts like an earlier one reuses that part of its slot's KV cells (real stories260K).</summary>
public sealed class PromptPrefixReuseTests
{
    private const string Shared =
        "Once upon a time, there was a little girl named Lily. She loved to play outside in the park with her friends. " +
        "One day, she saw a big red ball under a tree. She wanted to play with it, but it was too high.";

    private static List<ChatMessage> Prompt(string text) => [new(ChatRole.User, text)];

    private static ChatOptions Greedy(int tokens) => new() { Temperature = 0, MaxOutputTokens = tokens, Seed = 1 };

    private static GgufModel Load(bool reuse, int parallel = 1)
    {
        var model = GgufModel.Load(SharedData.Stories260K, new GgufModelOptions { ChatFormat = ChatFormat.Raw, Threads = 1, ParallelSequences = parallel }, decoderWorkers: 1);
        model.ReusePromptPrefixes = reuse;
        return model;
    }

    [Fact]
    public async Task A_prompt_sharing_a_start_with_the_last_one_decodes_only_the_rest_and_replies_the_same()
    {
        var ct = TestContext.Current.CancellationToken;
        using var reusing = Load(reuse: true);
        using var fresh = Load(reuse: false);
        var withCache = new LocalChatClient(reusing);
        var without = new LocalChatClient(fresh);

        var first = await withCache.GetResponseAsync(Prompt(Shared + " Tom came"), Greedy(60), ct);
        var second = await withCache.GetResponseAsync(Prompt(Shared + " Then her mom said"), Greedy(60), ct);
        var expected = await without.GetResponseAsync(Prompt(Shared + " Then her mom said"), Greedy(60), ct);

        Assert.Equal(0, first.Usage?.CachedInputTokenCount);
        var sharedTokens = reusing.Weights.Tokenize(Shared, true, true, System.Text.Encoding.UTF8).Length;
        Assert.InRange(second.Usage?.CachedInputTokenCount ?? 0, sharedTokens - 2, second.Usage!.InputTokenCount!.Value - 1);
        Assert.Equal(0, expected.Usage?.CachedInputTokenCount);
        Assert.Equal(expected.Text, second.Text);
    }

    [Fact]
    public async Task The_same_prompt_again_decodes_only_its_last_token()
    {
        var ct = TestContext.Current.CancellationToken;
        using var model = Load(reuse: true);
        var client = new LocalChatClient(model);

        var first = await client.GetResponseAsync(Prompt(Shared), Greedy(40), ct);
        var again = await client.GetResponseAsync(Prompt(Shared), Greedy(40), ct);

        Assert.Equal(first.Usage?.InputTokenCount - 1, again.Usage?.CachedInputTokenCount);
        Assert.Equal(first.Text, again.Text);
    }

    [Fact]
    public async Task A_next_turn_that_repeats_the_last_reply_reuses_the_reply_tokens_too()
    {
        var ct = TestContext.Current.CancellationToken;
        using var reusing = Load(reuse: true);
        using var fresh = Load(reuse: false);
        var client = new LocalChatClient(reusing);

        var first = await client.GetResponseAsync(Prompt(Shared), Greedy(30), ct);
        var next = Shared + first.Text + " The end. Once upon a time";
        var second = await client.GetResponseAsync(Prompt(next), Greedy(30), ct);
        var expected = await new LocalChatClient(fresh).GetResponseAsync(Prompt(next), Greedy(30), ct);

        // More than the prompt alone: the reply's tokens fed back into the cells are reused as well.
        Assert.True(second.Usage?.CachedInputTokenCount > first.Usage?.InputTokenCount, $"{second.Usage?.CachedInputTokenCount} cached of {second.Usage?.InputTokenCount}");
        Assert.Equal(expected.Text, second.Text);
    }

    [Fact]
    public async Task A_cancelled_request_leaves_nothing_to_reuse()
    {
        var ct = TestContext.Current.CancellationToken;
        using var model = Load(reuse: true);
        var client = new LocalChatClient(model);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Prompt(Shared), Greedy(1000), cts.Token))
                await cts.CancelAsync();
        });

        var after = await client.GetResponseAsync(Prompt(Shared), Greedy(10), ct);

        Assert.Equal(0, after.Usage?.CachedInputTokenCount);
    }

    [Fact]
    public async Task Switched_off_nothing_is_reused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var model = Load(reuse: false);
        var client = new LocalChatClient(model);

        await client.GetResponseAsync(Prompt(Shared), Greedy(10), ct);
        var again = await client.GetResponseAsync(Prompt(Shared), Greedy(10), ct);

        Assert.Equal(0, again.Usage?.CachedInputTokenCount);
    }

    [Fact]
    public async Task A_new_request_goes_to_the_free_slot_holding_the_longest_start_of_its_prompt()
    {
        var ct = TestContext.Current.CancellationToken;
        using var model = Load(reuse: true, parallel: 3);
        var client = new LocalChatClient(model);
        // Three different prompts fill three slots at once; then each is asked again, in another order, one at a time.
        string[] prompts = [Shared + " Tom", "The cat sat on the mat and looked at the big dog in the garden", "Lily and Tom went to the park to play"];
        var firsts = await Task.WhenAll(prompts.Select(p => client.GetResponseAsync(Prompt(p), Greedy(20), ct)));

        foreach (var i in new[] { 2, 0, 1 })
        {
            var again = await client.GetResponseAsync(Prompt(prompts[i]), Greedy(20), ct);
            Assert.Equal(firsts[i].Usage?.InputTokenCount - 1, again.Usage?.CachedInputTokenCount);
            Assert.Equal(firsts[i].Text, again.Text);
        }
    }
}
