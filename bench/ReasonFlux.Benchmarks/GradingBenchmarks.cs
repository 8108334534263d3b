using System.Diagnostics;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ReasonFlux.Grading;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// Grader throughput on shared/grader-cases/dev.jsonl. BenchmarkDotNet: <c>--filter *GradingBenchmarks*</c>;
/// per-comparison p50/p99: <c>scenario grading [passes]</c>.
/// </summary>
[MemoryDiagnoser]
public class GradingBenchmarks
{
    private (string Gold, string Pred, GradingOptions? Options)[] _cases = [];

    [GlobalSetup]
    public void Setup() => _cases = LoadDevCases();

    /// <summary>All 250 dev cases, extraction included.</summary>
    [Benchmark]
    public int GradeAllDevCases()
    {
        var equivalent = 0;
        foreach (var (gold, pred, options) in _cases) if (Grader.Grade(gold, pred, AnswerKind.Auto, options).Equivalent) equivalent++;
        return equivalent;
    }

    [Benchmark]
    public bool FractionVersusDecimal() => Grader.Equivalent("\\frac{1}{12}", "0.0833333333333333").Equivalent;

    [Benchmark]
    public bool SymbolicIdentity() => Grader.Equivalent("(x+1)^2", "x^2 + 2x + 1").Equivalent;

    /// <summary>Times every comparison one by one on one thread and prints cases/s, p50, p99 and max.</summary>
    public static Task<int> RunScenarioAsync(string[] args)
    {
        var passes = args.Length > 0 && int.TryParse(args[0], out var p) ? p : 40;
        var cases = LoadDevCases();
        foreach (var (gold, pred, options) in cases) Grader.Grade(gold, pred, AnswerKind.Auto, options); // warm-up: JIT, regexes
        var samples = new List<double>(cases.Length * passes);
        var total = Stopwatch.StartNew();
        for (var pass = 0; pass < passes; pass++)
        {
            foreach (var (gold, pred, options) in cases)
            {
                var start = Stopwatch.GetTimestamp();
                Grader.Grade(gold, pred, AnswerKind.Auto, options);
                samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
            }
        }
        total.Stop();
        samples.Sort();
        double Percentile(double q) => samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(q * samples.Count) - 1)];
        Console.WriteLine($"grading dev.jsonl: {cases.Length} cases x {passes} passes, one thread");
        Console.WriteLine($"  throughput: {samples.Count / total.Elapsed.TotalSeconds:0} cases/s");
        Console.WriteLine($"  p50: {Percentile(0.50):0.0} us   p90: {Percentile(0.90):0.0} us   p99: {Percentile(0.99):0.0} us   max: {samples[^1]:0.0} us");
        return Task.FromResult(0);
    }

    private static (string Gold, string Pred, GradingOptions? Options)[] LoadDevCases()
    {
        var path = FindShared("grader-cases", "dev.jsonl");
        return File.ReadLines(path).Where(l => !string.IsNullOrWhiteSpace(l)).Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            var r = doc.RootElement;
            GradingOptions? options = r.TryGetProperty("precision", out var prec) ? new GradingOptions { Precision = prec.GetInt32() } : null;
            return (r.GetProperty("gold").GetString()!, r.GetProperty("pred").GetString()!, options);
        }).ToArray();
    }

    private static string FindShared(params string[] parts)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine([dir.FullName, "shared", .. parts]);
                if (File.Exists(candidate)) return candidate;
            }
        }
        throw new FileNotFoundException($"shared/{string.Join('/', parts)} not found above {AppContext.BaseDirectory}");
    }
}
