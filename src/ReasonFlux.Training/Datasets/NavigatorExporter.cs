using ReasonFlux.Grading;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Reasoning.Flux;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Training.Datasets;

/// <summary>
/// Navigator SFT data from flux traces: the plan request the navigator really received → its thinking and the trajectory
/// it went on with (the plan as adjusted to the retrieved template, before any mid-solve revision), naming the retrieved
/// template verbatim as the Applied Method, as the original requires.
/// </summary>
public static class NavigatorExporter
{
    /// <summary>Reads the traces (trace files, or eval run folders of flux runs) and builds the examples (exact duplicates dropped).</summary>
    /// <exception cref="FileNotFoundException">A trace file does not exist.</exception>
    /// <remarks>Files that are not traces (a summary.json beside them) are skipped and counted as "not a trace file".</remarks>
    /// <exception cref="TraceFormatException">None of the files is a trace of a known format.</exception>
    public static SftExport Export(IEnumerable<string> traceFiles, NavigatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(traceFiles);
        options ??= new NavigatorOptions();
        var examples = new List<SftExample>();
        var excluded = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Exclude(string why) => excluded[why] = excluded.GetValueOrDefault(why) + 1;
        var seen = new HashSet<(string, string)>();
        var read = 0;
        TraceFormatException? firstUnreadable = null;
        var traces = 0;
        void Unreadable(TraceFormatException ex)
        {
            firstUnreadable ??= ex;
            Exclude("not a trace file");
        }
        foreach (var (file, trace) in TraceFile.ReadAll(traceFiles, Unreadable))
        {
            traces++;
            // Direct solves keep a trace of their calls too; only flux traces hold a navigator's plan.
            if (trace.Mode != "flux")
            {
                Exclude($"{trace.Mode} trace");
                continue;
            }
            foreach (var sample in trace.Samples)
            {
                read++;
                if (sample.Outcome != SampleOutcome.Completed) { Exclude($"outcome {sample.Outcome.Name()}"); continue; }
                if (options.RequireAnswer && sample.Answer is null) { Exclude("no answer"); continue; }
                if (options.Gold is { } gold)
                {
                    if (!gold.TryGetValue(trace.Problem, out var problem)) { Exclude("problem not in the benchmark"); continue; }
                    if (sample.Answer is null || !Grader.Grade(problem.Answer, sample.Answer, problem.Kind).Equivalent) { Exclude("not graded correct"); continue; }
                }
                var example = Build(trace, sample, $"{file}#{sample.Index}");
                if (example is null) { Exclude("no readable plan call"); continue; }
                if (!seen.Add((example.Prompt, example.Response))) { Exclude("duplicate"); continue; }
                examples.Add(example);
            }
        }
        if (traces == 0 && firstUnreadable is not null) throw firstUnreadable;
        return new SftExport(examples, read, excluded);
    }

    private static SftExample? Build(SolveTrace trace, SampleTrace sample, string source)
    {
        var planning = sample.Calls.TakeWhile(c => c.Role is "plan" or "repair").Where(c => c.Error is null).ToList();
        var first = planning.FirstOrDefault(c => c.Role == "plan");
        if (first is null || sample.Trajectories.Count == 0) return null;
        var prompt = string.Join("\n\n", first.Messages.Where(m => m.Role == "user").Select(m => m.Text));
        var system = first.Messages.FirstOrDefault(m => m.Role == "system")?.Text;
        if (prompt.Length == 0) return null;
        // The reply that was read as the plan: the repair reply when the first one was unreadable.
        var (thinking, _) = ThinkingSplit.Split(planning[^1].Reply, startsInThinking: false);
        var trajectory = sample.Trajectories.TakeWhile(v => !IsRevision(v)).LastOrDefault()?.Trajectory
            ?? sample.Trajectories[0].Trajectory;
        var main = sample.Retrievals.FirstOrDefault(r => r.Step is null);
        var method = main?.Hits.FirstOrDefault(h => h.Id == main.Chosen)?.Name;
        return new SftExample(source, prompt, NavigatorTarget.Render(trace.Problem, thinking, trajectory, method), system);
    }


    /// <summary>A re-plan after a step review; traces written before changes were recorded say so in the reason's first word.</summary>
    private static bool IsRevision(TrajectoryVersion version) =>
        version.Change is { } change ? change == TrajectoryChange.Revised : version.Reason.StartsWith("revised", StringComparison.Ordinal);
}
