using ReasonFlux.Evaluation.Metrics;
using ReasonFlux.Evaluation.Storage;

namespace ReasonFlux.Evaluation;

/// <summary>
/// Re-grades a stored run from its own results.db (after a grader change): every completed sample's answer is graded
/// again against the stored gold with the stored answer kind, changed rows are updated and summary.json is rewritten.
/// Runs stored before the solver's answer was kept are graded from the reply, as they were at the time.
/// </summary>
public static class RunRegrade
{
    /// <summary>Re-grades the run in <paramref name="runDir"/>.</summary>
    /// <exception cref="FileNotFoundException">The folder holds no run.</exception>
    public static async Task<RegradeResult> RunAsync(string runDir, CancellationToken cancellationToken = default)
    {
        using var store = ResultStore.Open(runDir);
        var problems = store.ReadProblems().ToDictionary(p => p.Id, StringComparer.Ordinal);
        var changed = new List<SampleRecord>();
        int nowCorrect = 0, nowWrong = 0, graded = 0;
        foreach (var sample in store.ReadSamples())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (sample.Error is not null || !problems.TryGetValue(sample.ProblemId, out var problem)) continue;
            graded++;
            var g = sample.Answer is { } answer ? SampleGrading.GradeAnswer(problem.Gold, answer, problem.Kind) : SampleGrading.GradeReply(problem.Gold, sample.Reply, problem.Kind);
            if (g.Correct == sample.Correct && g.Extracted == sample.Extracted && g.Verdict == sample.Verdict && g.Failure == sample.Failure) continue;
            if (g.Correct != sample.Correct) _ = g.Correct ? nowCorrect++ : nowWrong++;
            changed.Add(sample with { Extracted = g.Extracted, Correct = g.Correct, Verdict = g.Verdict, Failure = g.Failure });
        }
        store.UpdateGrading(changed);
        var summary = MetricsCalculator.Summarize(store.Manifest, store.ReadProblems(), store.ReadSamples());
        await SummaryFile.WriteAsync(Path.Combine(store.RunDir, SummaryFile.FileName), summary, cancellationToken).ConfigureAwait(false);
        return new RegradeResult(graded, changed.Count, nowCorrect, nowWrong, summary);
    }
}

/// <summary>What a re-grade changed.</summary>
/// <param name="Graded">Completed samples graded again.</param>
/// <param name="Changed">Samples whose grading changed in any column.</param>
/// <param name="NowCorrect">Samples that were wrong and are now correct.</param>
/// <param name="NowWrong">Samples that were correct and are now wrong.</param>
/// <param name="Summary">The run's figures after the re-grade (also written to summary.json).</param>
public sealed record RegradeResult(int Graded, int Changed, int NowCorrect, int NowWrong, EvalSummary Summary);
