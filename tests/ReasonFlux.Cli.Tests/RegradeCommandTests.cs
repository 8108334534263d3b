using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Tests;

namespace ReasonFlux.Cli.Tests;

public sealed class RegradeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-regrade-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Regrade_grades_a_stored_run_again_from_its_results_db_and_reports_what_changed()
    {
        Assert.Equal(0, (await CliRun.RunAsync("eval", "--benchmark", "aime25", "--data", SharedData.Path("benchmarks/aime25.jsonl"), "--solver", "reference", "--limit", "4", "--out", _dir)).ExitCode);
        using (var store = ResultStore.Open(_dir))
        {
            var second = store.ReadSamples()[1];
            store.UpdateGrading([second with { Correct = false, Verdict = "old grader", Failure = FailureKinds.WrongAnswer }]);
        }

        var run = await CliRun.RunAsync("regrade", _dir);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("regraded 4 samples: 1 changed (1 now correct, 0 now wrong); pass@1 100.0 %", run.Output.Trim());
    }

    [Fact]
    public async Task Regrade_of_a_folder_without_a_run_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("regrade", Path.Combine(_dir, "none"));

        Assert.Equal((2, true), (run.ExitCode, run.Error.Contains("no run here", StringComparison.Ordinal)));
    }
}
