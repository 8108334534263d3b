using ReasonFlux.Reasoning.Direct;

namespace ReasonFlux.Reasoning.Tests.Direct;

public sealed class DirectSolverTests(StoriesClientFixture fixture) : IClassFixture<StoriesClientFixture>
{
    // stories260K is a base model that only tells stories: the raw prompt is the problem itself, greedy decoding.
    private static DirectSolverOptions Greedy(int maxTokens) => new() { Instruction = "{problem}", Temperature = 0, Seed = 7, MaxTokens = maxTokens };

    private static readonly SolveRequest OnceUponATime = new("Once upon a time");

    [Fact]
    public async Task Greedy_solve_is_deterministic()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = await new DirectSolver(fixture.Client, Greedy(60)).SolveAsync(OnceUponATime, ct);
        var b = await new DirectSolver(fixture.Client, Greedy(60)).SolveAsync(OnceUponATime, ct);
        Assert.Equal(a.Text, b.Text);
        Assert.StartsWith(", there was a little girl", a.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_tokens_caps_the_reply_and_marks_it_truncated()
    {
        var solution = await new DirectSolver(fixture.Client, Greedy(12)).SolveAsync(OnceUponATime, TestContext.Current.CancellationToken);
        Assert.Equal(12, solution.Usage.CompletionTokens);
        Assert.True(solution.Samples[0].Truncated);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(17)]
    public async Task Thinking_budget_ends_thinking_at_exactly_that_many_tokens_and_forces_an_answer(int budget)
    {
        var options = Greedy(60) with { ThinkingBudget = budget };
        var solution = await new DirectSolver(fixture.Client, options).SolveAsync(OnceUponATime, TestContext.Current.CancellationToken);
        var sample = solution.Samples[0];
        Assert.Equal(budget, sample.ThinkingTokens);
        Assert.Contains("</think>\n\nFinal answer: ", sample.Text, StringComparison.Ordinal);
        Assert.True(sample.AnswerText.Length > 0);
        Assert.True(solution.Usage.CompletionTokens <= 60);
    }

    [Fact]
    public async Task Trace_holds_each_budget_forced_call_and_its_tokens_are_the_solutions_usage()
    {
        var options = Greedy(60) with { ThinkingBudget = 17 };
        var solution = await new DirectSolver(fixture.Client, options).SolveAsync(OnceUponATime, TestContext.Current.CancellationToken);

        var trace = solution.Trace!;
        var calls = Assert.Single(trace.Samples).Calls;
        Assert.Equal(("direct", "think", "answer"), (trace.Mode, calls[0].Role, calls[^1].Role));
        Assert.All(calls, c => Assert.Contains(c.Reply, solution.Text, StringComparison.Ordinal));
        Assert.Equal(solution.Usage, new TokenUsage(calls.Sum(c => c.PromptTokens), calls.Sum(c => c.CompletionTokens)));
        Assert.Equal((solution.Usage.PromptTokens, solution.Usage.CompletionTokens), (trace.PromptTokens, trace.CompletionTokens));
    }

    [Fact]
    public async Task Thinking_under_budget_is_the_same_text_as_an_unforced_run()
    {
        var ct = TestContext.Current.CancellationToken;
        var plain = await new DirectSolver(fixture.Client, Greedy(60)).SolveAsync(OnceUponATime, ct);
        var forced = await new DirectSolver(fixture.Client, Greedy(60) with { ThinkingBudget = 10 }).SolveAsync(OnceUponATime, ct);
        var thinking = forced.Samples[0].Thinking;
        Assert.StartsWith(thinking, plain.Text.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Early_end_of_thinking_is_replaced_by_wait_until_the_minimum_is_reached()
    {
        // The greedy story says ", there was a little girl" after a few tokens: treat "girl" as the end of thinking.
        var options = Greedy(80) with { ThinkingEndMarker = "girl", MinThinking = 20 };
        var solution = await new DirectSolver(fixture.Client, options).SolveAsync(OnceUponATime, TestContext.Current.CancellationToken);
        var sample = solution.Samples[0];
        Assert.StartsWith(", there was a little Wait", sample.Text, StringComparison.Ordinal);
        Assert.True(sample.ThinkingTokens >= 20, $"thinking was {sample.ThinkingTokens} tokens");
    }

    [Fact]
    public async Task Thinking_that_uses_every_token_leaves_no_answer_call_and_is_truncated()
    {
        var options = Greedy(30) with { ThinkingEndMarker = "no such marker", MinThinking = 5 };
        var solution = await new DirectSolver(fixture.Client, options).SolveAsync(OnceUponATime, TestContext.Current.CancellationToken);
        Assert.Equal(30, solution.Usage.CompletionTokens);
        Assert.True(solution.Samples[0].Truncated);
    }

    [Fact]
    public async Task Wait_is_not_inserted_when_thinking_ends_after_the_minimum()
    {
        var options = Greedy(80) with { ThinkingEndMarker = "girl", MinThinking = 2 };
        var solution = await new DirectSolver(fixture.Client, options).SolveAsync(OnceUponATime, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Wait", solution.Samples[0].Text, StringComparison.Ordinal);
        Assert.StartsWith(", there was a little girl\n\n", solution.Samples[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_samples_each_run_and_usage_is_summed()
    {
        var options = new DirectSolverOptions { Instruction = "{problem}", Temperature = 1.0f, Seed = 3, MaxTokens = 15, Samples = 3 };
        var solution = await new DirectSolver(fixture.Client, options).SolveAsync(OnceUponATime, TestContext.Current.CancellationToken);
        Assert.Equal(3, solution.Samples.Count);
        Assert.Equal(solution.Samples.Sum(s => s.Usage.CompletionTokens), solution.Usage.CompletionTokens);
        Assert.NotEqual(solution.Samples[0].Text, solution.Samples[1].Text);
    }

    [Fact]
    public async Task Streaming_sends_the_text_before_the_solution()
    {
        var pieces = new List<SolveUpdate>();
        await foreach (var u in new DirectSolver(fixture.Client, Greedy(20)).SolveStreamingAsync(OnceUponATime, TestContext.Current.CancellationToken))
            pieces.Add(u);
        var solution = pieces[^1].Solution;
        Assert.NotNull(solution);
        Assert.Equal(solution.Text, string.Concat(pieces.Where(p => p.Kind == SolveUpdateKind.Answer).Select(p => p.Text)));
    }

    [Fact]
    public async Task Cancellation_stops_the_solve()
    {
        using var cts = new CancellationTokenSource();
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in new DirectSolver(fixture.Client, Greedy(2000)).SolveStreamingAsync(OnceUponATime, cts.Token))
                if (++seen == 2) await cts.CancelAsync();
        });
    }

    [Fact]
    public void Thinking_budget_not_below_max_tokens_is_rejected()
    {
        var ex = Assert.Throws<SettingException>(() => new DirectSolver(fixture.Client, Greedy(100) with { ThinkingBudget = 100 }));
        Assert.Equal("DirectSolverOptions.ThinkingBudget", ex.Setting.Key);
        Assert.Equal(100, ex.Value);
        Assert.StartsWith("thinking budget must be between 1 and 99", ex.Message, StringComparison.Ordinal);
    }
}
