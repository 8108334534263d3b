using Microsoft.Extensions.AI;
using ReasonFlux.Models;
using ReasonFlux.Models.Formats;
using ReasonFlux.Models.Local;
using ReasonFlux.Tests;

namespace ReasonFlux.Models.Tests.Local;

/// <summary>Concurrent requests to one in-process model are decoded together (real stories260K).</summary>
public sealed class BatchedDecodingTests(StoriesModelFixture fixture) : IClassFixture<StoriesModelFixture>
{
    private static readonly string[] Prompts =
        ["Once upon a time", "The cat", "Lily and Tom", "One day", "A little dog", "The sun was", "Tim had a ball", "In the park"];

    private static List<ChatMessage> Prompt(string text) => [new(ChatRole.User, text)];

    private static ChatOptions Greedy(int tokens) => new() { Temperature = 0, MaxOutputTokens = tokens, Seed = 1 };

    [Fact]
    public async Task Greedy_reply_is_the_same_alone_and_among_seven_others()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = new LocalChatClient(fixture.Model);
        var alone = new List<string>();
        foreach (var p in Prompts) alone.Add((await client.GetResponseAsync(Prompt(p), Greedy(120), ct)).Text);

        var together = await Task.WhenAll(Prompts.Select(p => client.GetResponseAsync(Prompt(p), Greedy(120), ct)));

        Assert.Equal(alone, together.Select(r => r.Text));
    }

    [Fact]
    public async Task Seeded_sampling_is_the_same_alone_and_in_a_batch()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = new LocalChatClient(fixture.Model);
        ChatOptions Sampled(int seed) => new() { Temperature = 1f, TopP = 0.9f, MaxOutputTokens = 60, Seed = seed };
        var alone = (await client.GetResponseAsync(Prompt("Once upon a time"), Sampled(7), ct)).Text;

        var batch = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => client.GetResponseAsync(Prompt("Once upon a time"), Sampled(7 + i), ct)));

        Assert.Equal(alone, batch[0].Text);
        Assert.True(batch.Select(r => r.Text).Distinct().Count() > 1, "different seeds should give different stories");
    }

    [Fact]
    public async Task Stop_sequences_and_output_caps_apply_per_request_in_a_batch()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = new LocalChatClient(fixture.Model);
        var replies = await Task.WhenAll(
            client.GetResponseAsync(Prompt("Once upon a time"), new ChatOptions { Temperature = 0, MaxOutputTokens = 40, StopSequences = ["girl"] }, ct),
            client.GetResponseAsync(Prompt("Once upon a time"), Greedy(7), ct),
            client.GetResponseAsync(Prompt("Once upon a time"), Greedy(50), ct));

        Assert.Equal((", there was a little ", ChatFinishReason.Stop), (replies[0].Text, replies[0].FinishReason));
        Assert.Equal((7, ChatFinishReason.Length), (replies[1].Usage?.OutputTokenCount, replies[1].FinishReason));
        Assert.Equal(50, replies[2].Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task Cancelling_one_request_leaves_the_others_unchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = new LocalChatClient(fixture.Model);
        var expected = new List<string>();
        foreach (var p in Prompts[1..4]) expected.Add((await client.GetResponseAsync(Prompt(p), Greedy(150), ct)).Text);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var seen = 0;
        var cancelled = Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Prompt(Prompts[0]), Greedy(2000), cts.Token))
                if (++seen == 5) await cts.CancelAsync();
        });
        var others = Prompts[1..4].Select(p => client.GetResponseAsync(Prompt(p), Greedy(150), ct)).ToArray();
        await cancelled;
        var replies = await Task.WhenAll(others);

        Assert.Equal(5, seen);
        Assert.Equal(expected, replies.Select(r => r.Text));
    }

    [Fact]
    public async Task A_cancelled_request_gives_its_slot_to_a_waiting_one()
    {
        var ct = TestContext.Current.CancellationToken;
        using var model = GgufModel.Load(SharedData.Stories260K, new GgufModelOptions { ChatFormat = ChatFormat.Raw, Threads = 1, ParallelSequences = 1 });
        var client = new LocalChatClient(model);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var first = Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in client.GetStreamingResponseAsync(Prompt("Once upon a time"), Greedy(1900), cts.Token))
                await cts.CancelAsync();
        });
        var waiting = client.GetResponseAsync(Prompt("The cat"), Greedy(20), ct);
        await first;

        var reply = await waiting.WaitAsync(TimeSpan.FromSeconds(60), ct);
        Assert.Equal(20, reply.Usage?.OutputTokenCount);
    }

    [Fact]
    public async Task No_more_sequences_run_at_once_than_the_slots_allow()
    {
        var ct = TestContext.Current.CancellationToken;
        using var model = GgufModel.Load(SharedData.Stories260K, new GgufModelOptions { ChatFormat = ChatFormat.Raw, Threads = 1, ParallelSequences = 3 });
        var client = new LocalChatClient(model);
        var alone = (await client.GetResponseAsync(Prompt("Lily and Tom"), Greedy(60), ct)).Text;

        var replies = await Task.WhenAll(Enumerable.Range(0, 9).Select(_ => client.GetResponseAsync(Prompt("Lily and Tom"), Greedy(60), ct)));

        Assert.Equal(3, model.Decoders.Sum(d => d.PeakActive));
        Assert.All(replies, r => Assert.Equal(alone, r.Text));
    }

    [Fact]
    public async Task Each_sequence_has_the_whole_context_of_its_slot()
    {
        var ct = TestContext.Current.CancellationToken;
        using var model = GgufModel.Load(SharedData.Stories260K, new GgufModelOptions { ChatFormat = ChatFormat.Raw, Threads = 1, ContextSize = 256, ParallelSequences = 4 });
        var client = new LocalChatClient(model);

        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetResponseAsync(Prompt("Once upon a time"), Greedy(1000), ct)));

        Assert.All(model.Decoders, d => Assert.Equal(256, d.SequenceContext));
        Assert.All(replies, r => Assert.True(r.Usage?.OutputTokenCount > 200 || r.FinishReason == ChatFinishReason.Stop));
    }

    [Fact]
    public async Task Two_decoder_workers_decode_side_by_side_and_give_the_replies_each_prompt_gets_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        using var model = GgufModel.Load(SharedData.Stories260K, new GgufModelOptions { ChatFormat = ChatFormat.Raw, Threads = 1, ParallelSequences = 8 }, decoderWorkers: 2);
        var client = new LocalChatClient(model);
        var alone = new List<string>();
        foreach (var p in Prompts) alone.Add((await client.GetResponseAsync(Prompt(p), Greedy(200), ct)).Text);

        for (var round = 0; round < 3; round++)
        {
            var together = await Task.WhenAll(Prompts.Concat(Prompts).Select(p => client.GetResponseAsync(Prompt(p), Greedy(200), ct)));
            Assert.Equal(alone.Concat(alone), together.Select(r => r.Text));
        }

        Assert.Equal(2, model.Decoders.Count);
        Assert.All(model.Decoders, d => Assert.Equal(4, d.PeakActive));
        // Not serialised by a process-wide lock: some steps of one worker began while the other was decoding.
        Assert.True(model.Activity.Overlapping > 0, $"{model.Activity.Overlapping} of {model.Activity.Steps} steps overlapped");
    }

    [Fact]
    public async Task Requests_cancelled_on_both_workers_leave_the_others_unchanged()
    {
        var ct = TestContext.Current.CancellationToken;
        using var model = GgufModel.Load(SharedData.Stories260K, new GgufModelOptions { ChatFormat = ChatFormat.Raw, Threads = 1, ParallelSequences = 8 }, decoderWorkers: 2);
        var client = new LocalChatClient(model);
        var kept = Prompts[..4];
        var expected = new List<string>();
        foreach (var p in kept) expected.Add((await client.GetResponseAsync(Prompt(p), Greedy(150), ct)).Text);

        // Four streams are cancelled after a few pieces while four whole replies run beside them, spread over both workers.
        var cancelled = Prompts[4..].Select(async p =>
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var seen = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var _ in client.GetStreamingResponseAsync(Prompt(p), Greedy(2000), cts.Token))
                    if (++seen == 3) await cts.CancelAsync();
            });
        }).ToArray();
        var replies = await Task.WhenAll(kept.Select(p => client.GetResponseAsync(Prompt(p), Greedy(150), ct)));
        await Task.WhenAll(cancelled);

        Assert.Equal(expected, replies.Select(r => r.Text));
        Assert.All(model.Decoders, d => Assert.True(d.PeakActive > 0));
        // A cancelled prompt asked again decodes its prompt afresh: its slot kept nothing (at most the start-of-text
        // token, which every kept slot shares, is reused).
        var again = await client.GetResponseAsync(Prompt(Prompts[4]), Greedy(10), ct);
        Assert.InRange(again.Usage?.CachedInputTokenCount ?? -1, 0, 1);
    }
}
