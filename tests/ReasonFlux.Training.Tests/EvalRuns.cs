using ReasonFlux.Evaluation;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Reasoning;

namespace ReasonFlux.Training.Tests;

/// <summary>Produces real evaluation run folders with the real runner and store.</summary>
internal static class EvalRuns
{
    public static async Task RunAsync(string runDir, Benchmark benchmark, ISolver solver, string solverName, int samples, int? limit, CancellationToken ct)
    {
        var problems = benchmark.Take(limit);
        var manifest = RunManifest.Create(benchmark.Name, benchmark.Sha256, solverName, "test-model", samples, new Dictionary<string, string>());
        using var store = EvalRun.Open(runDir, manifest, problems, resume: false);
        await new EvalRunner(solver, new EvalRunOptions { Samples = samples, Limit = limit, Concurrency = 2 }).RunAsync(benchmark, store, null, ct);
    }

    /// <summary>A small benchmark file of arithmetic problems.</summary>
    public static Benchmark Arithmetic(string dir, params (string Problem, string Answer)[] items)
    {
        var path = Path.Combine(dir, "arith.jsonl");
        File.WriteAllLines(path, items.Select((x, i) => System.Text.Json.JsonSerializer.Serialize(new { id = $"q{i}", problem = x.Problem, answer = x.Answer })));
        return BenchmarkLoader.LoadJsonl(path, "arith", JsonlFields.Default);
    }
}
