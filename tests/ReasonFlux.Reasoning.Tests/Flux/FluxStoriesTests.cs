using ReasonFlux.Reasoning.Flux;
using ReasonFlux.Reasoning.Tests.Direct;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Reasoning.Tests.Flux;

/// <summary>
/// A real in-process run on stories260K (a tiny model that only writes nonsense stories) as both navigator and inference
/// model: its plans are never readable, so the solve must go through repair and the direct fallback and still finish.
/// </summary>
public sealed class FluxStoriesTests(StoriesClientFixture stories, LibraryFixture library) : IClassFixture<StoriesClientFixture>, IClassFixture<LibraryFixture>
{
    [Fact]
    public async Task Nonsense_navigator_takes_the_fallback_path_and_finishes_within_budgets_with_a_complete_trace()
    {
        var options = new FluxSolverOptions { MaxTokensPerCall = 48, MaxTotalTokens = 6_000, Timeout = TimeSpan.FromSeconds(30), Temperature = 0, Seed = 3 };
        var solver = new FluxSolver(stories.Client, stories.Client, library.Index, options);
        var recorder = new TraceRecorder();
        Solution? solution = null;
        await foreach (var update in solver.SolveStreamingAsync(new SolveRequest("Once upon a time, what is 2 + 3?"), recorder, TestContext.Current.CancellationToken))
            solution = update.Solution ?? solution;

        Assert.NotNull(solution);
        var trace = recorder.Trace!;
        var sample = Assert.Single(trace.Samples);
        Assert.Equal(SampleOutcome.Fallback, sample.Outcome);
        Assert.Equal(["plan", "repair", "fallback"], sample.Calls.Select(c => c.Role));
        Assert.All(sample.Calls, c => Assert.True(c.Error is null && c.Reply.Length > 0 && c.CompletionTokens is > 0 and <= 48, $"{c.Role}: {c.Error}"));
        Assert.True(trace.PromptTokens + trace.CompletionTokens <= 6_000);
        Assert.Equal(sample.Calls.Sum(c => c.PromptTokens + c.CompletionTokens), trace.PromptTokens + trace.CompletionTokens);
        Assert.Equal(TraceJson.Serialize(trace), TraceJson.Serialize(TraceJson.Deserialize(TraceJson.Serialize(trace))));
    }
}
