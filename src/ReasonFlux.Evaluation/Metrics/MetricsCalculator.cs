using System.Globalization;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Reasoning;

namespace ReasonFlux.Evaluation.Metrics;

/// <summary>Computes a run's figures from its stored problems and samples. Pure.</summary>
public static class MetricsCalculator
{
    private const int BootstrapRounds = 1000;
    private const int BootstrapSeed = 20_250_206;

    /// <summary>Scores each problem that has samples, in problem order.</summary>
    public static IReadOnlyList<ProblemScore> ScoreProblems(IReadOnlyList<RunProblem> problems, IReadOnlyList<SampleRecord> samples)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(samples);
        var byProblem = samples.GroupBy(s => s.ProblemId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.OrderBy(s => s.SampleIndex).ToList(), StringComparer.Ordinal);
        var scores = new List<ProblemScore>();
        foreach (var p in problems)
        {
            if (!byProblem.TryGetValue(p.Id, out var list)) continue;
            var (answer, correct) = Majority(list);
            scores.Add(new ProblemScore(p, list, list.Count(s => s.Correct), answer, correct));
        }
        return scores;
    }

    /// <summary>All figures of a run.</summary>
    public static EvalSummary Summarize(RunManifest manifest, IReadOnlyList<RunProblem> problems, IReadOnlyList<SampleRecord> samples)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var scores = ScoreProblems(problems, samples);
        var completed = samples.Where(s => s.Error is null).ToList();
        var failures = new SortedDictionary<string, int>(StringComparer.Ordinal)
        {
            [FailureKinds.WrongAnswer] = 0, [FailureKinds.NoAnswer] = 0, [FailureKinds.Timeout] = 0, [FailureKinds.Error] = 0,
        };
        foreach (var s in samples)
            if (s.Failure is { } f) failures[f] = failures.GetValueOrDefault(f) + 1;
        var pass1 = scores.Select(s => s.Pass1).ToArray();
        var benchmarkProblems = int.TryParse(manifest.Parameters.GetValueOrDefault(RunManifest.BenchmarkProblemsKey), out var n) ? n : 0;
        return new EvalSummary
        {
            Benchmark = manifest.Benchmark,
            Solver = manifest.Solver,
            Model = manifest.Model,
            Problems = scores.Count,
            ProblemsTotal = problems.Count,
            BenchmarkProblems = benchmarkProblems,
            // Older runs did not record the benchmark's size; a --limit no larger than the problems it kept then marks a subset.
            Subset = benchmarkProblems > 0 ? benchmarkProblems > problems.Count : int.TryParse(manifest.Parameters.GetValueOrDefault("limit"), out var limit) && limit <= problems.Count,
            Samples = completed.Count,
            K = manifest.Samples,
            Pass1 = Mean(pass1),
            Pass1Ci95 = BootstrapCi(pass1),
            MajK = scores.Count == 0 ? 0 : (double)scores.Count(s => s.MajorityCorrect) / scores.Count,
            PassK = Mean(scores.Select(s => PassAtK(s.Samples.Count, s.Correct, Math.Min(manifest.Samples, s.Samples.Count))).ToArray()),
            Errors = samples.Count(s => s.Error is not null),
            Failures = failures,
            MeanReplyChars = completed.Count == 0 ? 0 : completed.Average(s => (double)s.Reply.Length),
            MeanCompletionTokens = completed.Count == 0 ? 0 : completed.Average(s => (double)s.CompletionTokens),
            PromptTokens = samples.Sum(s => s.PromptTokens),
            CompletionTokens = samples.Sum(s => s.CompletionTokens),
            BySubject = Groups(scores, s => s.Problem.Subject),
            ByLevel = Groups(scores, s => s.Problem.Level?.ToString(CultureInfo.InvariantCulture)),
            BenchmarkSha256 = manifest.BenchmarkSha256,
            ToolVersion = manifest.ToolVersion,
            GitCommit = manifest.GitCommit,
        };
    }

    /// <summary>
    /// Unbiased pass@k from n samples of which c are correct: 1 − C(n−c, k) / C(n, k), computed as a product so large
    /// n does not overflow.
    /// </summary>
    public static double PassAtK(int n, int c, int k)
    {
        if (n <= 0 || k <= 0) return 0;
        if (k > n) throw new ArgumentOutOfRangeException(nameof(k), $"k ({k}) cannot exceed the samples (n = {n})");
        if (n - c < k) return 1;
        var fail = 1.0;
        for (var i = n - c + 1; i <= n; i++) fail *= 1.0 - (double)k / i;
        return 1 - fail;
    }

    /// <summary>95% percentile bootstrap interval of the mean, resampling the values with a fixed seed.</summary>
    public static IReadOnlyList<double> BootstrapCi(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return [0, 0];
        // 1,000 rounds × n draws: a seeded Random (its slow legacy algorithm) took ~0.4 s at n = 20,000. SplitMix64 with
        // a multiply-shift into [0, n) is as repeatable and about ten times faster; its bias (n / 2^32) is immaterial here.
        var data = values as double[] ?? [.. values];
        var n = (ulong)data.Length;
        var state = (ulong)BootstrapSeed;
        var means = new double[BootstrapRounds];
        for (var r = 0; r < BootstrapRounds; r++)
        {
            var sum = 0.0;
            for (var i = 0; i < data.Length; i++)
            {
                var z = state += 0x9E3779B97F4A7C15UL;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
                z ^= z >> 31;
                sum += data[(int)(((z >> 32) * n) >> 32)];
            }
            means[r] = sum / data.Length;
        }
        Array.Sort(means);
        return [means[(int)(0.025 * (BootstrapRounds - 1))], means[(int)Math.Ceiling(0.975 * (BootstrapRounds - 1))]];
    }

    /// <summary>The winning extracted answer of <see cref="MajorityVote"/> (grader-equivalent answers are one vote; ties: the one seen first) and whether it was graded correct.</summary>
    internal static (string? Answer, bool Correct) Majority(IReadOnlyList<SampleRecord> samples)
    {
        var ordered = samples.OrderBy(s => s.SampleIndex).ToList();
        return MajorityVote.Winner(ordered, s => s.Extracted) is { } winner ? (ordered[winner].Extracted, ordered[winner].Correct) : (null, false);
    }

    private static double Mean(double[] values) => values.Length == 0 ? 0 : values.Average();

    private static SortedDictionary<string, GroupScore> Groups(IReadOnlyList<ProblemScore> scores, Func<ProblemScore, string?> key)
    {
        var groups = new SortedDictionary<string, GroupScore>(StringComparer.Ordinal);
        foreach (var g in scores.Where(s => key(s) is not null).GroupBy(s => key(s)!, StringComparer.Ordinal))
            groups[g.Key] = new GroupScore(g.Count(), g.Average(s => s.Pass1));
        return groups;
    }
}
