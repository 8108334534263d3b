using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Metrics;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Tests;

namespace ReasonFlux.Evaluation.Tests;

/// <summary>The reference solver answers with each benchmark's own solution: the harness and grader end to end on real data.</summary>
public sealed class ReferenceSolverTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-eval-ref-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(EvalSummary Summary, IReadOnlyList<ProblemScore> Scores)> RunAsync(string name)
    {
        var builtIn = BenchmarkCatalog.Find(name)!;
        var benchmark = BenchmarkLoader.Load(builtIn, SharedData.Path($"benchmarks/{builtIn.FileName}"));
        var manifest = RunManifest.Create(benchmark.Name, benchmark.Sha256, "reference", "", 1, new Dictionary<string, string>());
        using var store = EvalRun.Open(Path.Combine(_dir, name), manifest, benchmark.Problems, resume: false);
        var summary = await new EvalRunner(new ReferenceSolver(benchmark), new EvalRunOptions { Concurrency = 2 })
            .RunAsync(benchmark, store, null, TestContext.Current.CancellationToken);
        return (summary, MetricsCalculator.ScoreProblems(store.ReadProblems(), store.ReadSamples()));
    }

    private static string Misses(IReadOnlyList<ProblemScore> scores) => string.Join("\n", scores.Where(s => s.Correct == 0)
        .Select(s => $"{s.Problem.Id}: gold '{s.Problem.Gold}', extracted '{s.Samples[0].Extracted}' ({s.Samples[0].Verdict})"));

    [Fact]
    public async Task Math500_reference_solutions_grade_at_least_99_4_percent()
    {
        var (summary, scores) = await RunAsync("math500");
        Assert.True(summary.Pass1 >= 0.994, $"pass@1 {summary.Pass1:P1}; misses:\n{Misses(scores)}");
        Assert.Equal(500, summary.Samples);
    }

    [Fact]
    public async Task Aime25_reference_answers_grade_100_percent()
    {
        var (summary, scores) = await RunAsync("aime25");
        Assert.True(summary.Pass1 == 1.0, Misses(scores));
    }

    [Fact]
    public async Task Aime24_reference_solutions_grade_at_least_29_of_30()
    {
        var (summary, scores) = await RunAsync("aime24");
        Assert.True(scores.Count(s => s.Correct == 1) >= 29, Misses(scores));
        Assert.Equal(30, summary.Problems);
    }
}
