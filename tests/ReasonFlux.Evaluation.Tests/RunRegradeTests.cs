using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Grading;
using ReasonFlux.Reasoning.Hosting;
using ReasonFlux.Tests;

namespace ReasonFlux.Evaluation.Tests;

/// <summary>A stored run graded again from its own results.db.</summary>
public sealed class RunRegradeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-regrade-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task RunReferenceAsync(int limit)
    {
        var plan = new EvalPlan
        {
            Benchmark = "aime25",
            DataPath = SharedData.Path("benchmarks/aime25.jsonl"),
            RunDir = _dir,
            Solver = new SolverSettings { Kind = SolverKind.Reference },
            Run = new EvalRunOptions { Limit = limit },
        };
        using var run = await EvalRun.OpenAsync(plan, cancellationToken: TestContext.Current.CancellationToken);
        await run.RunAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Run_stores_each_problems_answer_kind_and_the_solvers_answer()
    {
        await RunReferenceAsync(2);

        using var store = ResultStore.Open(_dir);
        Assert.All(store.ReadProblems(), p => Assert.Equal(AnswerKind.Integer, p.Kind));
        Assert.All(store.ReadSamples(), s => Assert.NotNull(s.Answer));
    }

    [Fact]
    public async Task Regrade_restores_a_grading_that_differs_from_this_graders_and_rewrites_the_summary()
    {
        await RunReferenceAsync(3);
        var summaryPath = Path.Combine(_dir, SummaryFile.FileName);
        var before = await File.ReadAllTextAsync(summaryPath, TestContext.Current.CancellationToken);
        using (var store = ResultStore.Open(_dir))
        {
            // What an older grader might have stored for the first sample (the reference answers it correctly).
            var first = store.ReadSamples()[0];
            Assert.True(first.Correct);
            store.UpdateGrading([first with { Correct = false, Verdict = "old grader", Failure = FailureKinds.WrongAnswer }]);
        }
        File.Delete(summaryPath);

        var result = await RunRegrade.RunAsync(_dir, TestContext.Current.CancellationToken);

        using var reopened = ResultStore.Open(_dir);
        Assert.Equal((3, 1, 1, 0), (result.Graded, result.Changed, result.NowCorrect, result.NowWrong));
        Assert.True(reopened.ReadSamples()[0].Correct);
        Assert.Equal(Pass1(before), Pass1(await File.ReadAllTextAsync(summaryPath, TestContext.Current.CancellationToken)));
    }

    private static double Pass1(string summaryJson) => System.Text.Json.JsonDocument.Parse(summaryJson).RootElement.GetProperty("pass@1").GetDouble();
}
