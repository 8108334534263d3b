using ReasonFlux.Evaluation.Metrics;
using ReasonFlux.Evaluation.Storage;

namespace ReasonFlux.Evaluation.Reports;

/// <summary>One run as a report shows it: its manifest, figures and per-problem scores, read from its folder.</summary>
/// <param name="RunDir">The run folder.</param>
/// <param name="Manifest">The run's manifest.</param>
/// <param name="Summary">Its figures.</param>
/// <param name="Scores">Per-problem outcomes, in benchmark order.</param>
public sealed record RunReport(string RunDir, RunManifest Manifest, EvalSummary Summary, IReadOnlyList<ProblemScore> Scores)
{
    /// <summary>The row label: solver and model.</summary>
    public string Label => Manifest.Model.Length == 0 ? Manifest.Solver : $"{Manifest.Solver} · {Manifest.Model}";

    /// <summary>Reads a run folder.</summary>
    /// <exception cref="FileNotFoundException">The folder holds no run.</exception>
    public static RunReport Load(string runDir)
    {
        using var store = ResultStore.Open(runDir);
        var problems = store.ReadProblems();
        var samples = store.ReadSamples();
        return new RunReport(runDir, store.Manifest, MetricsCalculator.Summarize(store.Manifest, problems, samples), MetricsCalculator.ScoreProblems(problems, samples));
    }
}
