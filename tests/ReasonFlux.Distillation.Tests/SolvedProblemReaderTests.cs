using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Distillation.Tests;

public sealed class SolvedProblemReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static SolveTrace Trace(string problem, string? answer, SampleOutcome outcome, string? error = null) => new(
        SolveTrace.CurrentFormat, "flux", problem, DateTimeOffset.UnixEpoch, 10, answer, "majority", 0, 1, 1,
        [new SampleTrace(0, outcome, null, answer, null, $"So the answer is \\boxed{{{answer}}}.", [], [],
            [new StepTrace(1, 1, "Count", null, "count them", "", "There are 3.", null), new StepTrace(1, 2, "Count", null, "count again", "", "There are 4.", null)],
            [new ModelCallTrace(0, "plan", null, "navigator-7b", [], "", 1, 1, 1, "stop", null)])],
        error);

    [Fact]
    public void Reads_only_the_problems_an_eval_run_graded_correct()
    {
        var run = Fixtures.Run(_dir.Path, ("What is 3 + 4?", "7"));

        var set = SolvedProblemReader.Read([run]);

        var solved = Assert.Single(set.Problems);
        Assert.Equal(("p0", "7", "solver-model"), (solved.ProblemId, solved.Gold, solved.SolverModel));
        Assert.Contains("\\boxed{7}", solved.Solution);
        Assert.Equal(1, set.Skipped["not graded correct"]);
    }

    [Fact]
    public async Task Reads_completed_flux_traces_with_their_last_step_attempts_and_skips_failed_ones()
    {
        var traces = Path.Combine(_dir.Path, "traces");
        await TraceJson.WriteAsync(Trace("How many?", "4", SampleOutcome.Completed), Path.Combine(traces, "good.json"), TestContext.Current.CancellationToken);
        await TraceJson.WriteAsync(Trace("Broken?", null, SampleOutcome.Failed, "backend down"), Path.Combine(traces, "bad.json"), TestContext.Current.CancellationToken);
        await TraceJson.WriteAsync(Trace("Stopped?", "2", SampleOutcome.Stopped), Path.Combine(traces, "stopped.json"), TestContext.Current.CancellationToken);

        var set = SolvedProblemReader.Read([traces]);

        var solved = Assert.Single(set.Problems);
        Assert.Equal(("good", "4", "navigator-7b"), (solved.ProblemId, solved.Gold, solved.SolverModel));
        Assert.Contains("There are 4.", solved.Solution);
        Assert.DoesNotContain("There are 3.", solved.Solution);
        Assert.Equal(1, set.Skipped["trace: the solve failed"]);
        Assert.Equal(1, set.Skipped["trace: not completed"]);
    }

    [Fact]
    public async Task Other_json_in_a_folder_of_traces_is_skipped_and_counted()
    {
        var traces = Path.Combine(_dir.Path, "mixed");
        await TraceJson.WriteAsync(Trace("How many?", "4", SampleOutcome.Completed), Path.Combine(traces, "good.json"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(traces, "a-summary.json"), "{\"pass@1\": 0.5}", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(traces, "z-broken.json"), "{not json", TestContext.Current.CancellationToken);

        var set = SolvedProblemReader.Read([traces]);

        Assert.Equal("good", Assert.Single(set.Problems).ProblemId);
        Assert.Equal(2, set.Skipped["not a trace file"]);
    }

    [Fact]
    public void A_missing_source_names_the_path()
    {
        var missing = Path.Combine(_dir.Path, "nope");

        var ex = Assert.Throws<FileNotFoundException>(() => SolvedProblemReader.Read([missing]));

        Assert.Contains(missing, ex.Message);
    }

    [Fact]
    public void A_file_that_is_not_a_trace_is_a_trace_format_error_naming_it()
    {
        var file = _dir.File("notes.json");
        File.WriteAllText(file, "{\"hello\": 1}");

        var ex = Assert.Throws<TraceFormatException>(() => SolvedProblemReader.Read([file]));

        Assert.Contains(file, ex.Message);
    }
}
