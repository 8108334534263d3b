using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Distillation;

/// <summary>
/// Reads the solved problems to distil from: eval run folders (their <c>results.db</c>: the first sample of each problem
/// that completed and was graded correct) and flux trace files or folders of them (solves that completed with an answer).
/// Everything else is left out and counted by reason.
/// </summary>
public static class SolvedProblemReader
{
    /// <summary>The longest solution text handed to the distiller; longer replies keep their end, where the answer is.</summary>
    public const int MaxSolutionChars = 12_000;

    /// <summary>Reads every source in order.</summary>
    /// <exception cref="FileNotFoundException">A path is neither a run folder nor a trace file.</exception>
    /// <exception cref="TraceFormatException">A file is not a trace of a known format.</exception>
    public static SolvedProblemSet Read(IEnumerable<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var problems = new List<SolvedProblem>();
        var skipped = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Skip(string why) => skipped[why] = skipped.GetValueOrDefault(why) + 1;
        foreach (var source in sources)
        {
            var full = Path.GetFullPath(source);
            if (Directory.Exists(full) && ResultStore.Exists(full)) ReadRun(full, problems, Skip);
            else if (Directory.Exists(full))
            {
                var traces = Directory.GetFiles(full, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList();
                if (traces.Count == 0) throw new FileNotFoundException($"{source}: neither an eval run folder ({ResultStore.FileName} not found) nor a folder of trace files (*.json)", full);
                foreach (var file in traces)
                {
                    // A folder of traces may hold other JSON too (summary.json, a library): counted, not fatal.
                    try { ReadTrace(file, problems, Skip); }
                    catch (TraceFormatException) { Skip("not a trace file"); }
                }
            }
            else if (File.Exists(full)) ReadTrace(full, problems, Skip);
            else throw new FileNotFoundException($"{source}: no such run folder or trace file", full);
        }
        return new SolvedProblemSet(problems, skipped);
    }

    private static void ReadRun(string runDir, List<SolvedProblem> problems, Action<string> skip)
    {
        using var store = ResultStore.Open(runDir);
        var samples = store.ReadSamples().Where(s => s.Error is null).GroupBy(s => s.ProblemId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Where(s => s.Correct).OrderBy(s => s.SampleIndex).FirstOrDefault(), StringComparer.Ordinal);
        foreach (var problem in store.ReadProblems())
        {
            if (!samples.TryGetValue(problem.Id, out var sample)) { skip("not solved yet (no completed sample)"); continue; }
            if (sample is null) { skip("not graded correct"); continue; }
            problems.Add(new SolvedProblem(runDir, problem.Id, problem.Problem, problem.Gold, Tail(AnswerPart(sample.Reply)), store.Manifest.Model));
        }
    }

    private static void ReadTrace(string file, List<SolvedProblem> problems, Action<string> skip)
    {
        if (!File.Exists(file)) throw new FileNotFoundException($"{file}: trace file not found", file);
        var trace = TraceJson.Deserialize(File.ReadAllText(file), file);
        if (trace.Error is not null) { skip("trace: the solve failed"); return; }
        if (trace.Answer is null) { skip("trace: no answer"); return; }
        var sample = trace.Samples.FirstOrDefault(s => s.Index == trace.SelectedSample);
        if (sample is null || sample.Outcome != SampleOutcome.Completed) { skip("trace: not completed"); return; }
        // The last attempt at each step is the one the solve went on with.
        var steps = sample.Steps.GroupBy(s => s.Index).OrderBy(g => g.Key).Select(g => g.OrderBy(s => s.Attempt).Last())
            .Select(s => $"Step {s.Index}: {s.Goal}\n{s.Solution}".Trim());
        var solution = string.Join("\n\n", steps.Append(sample.FinalText.Trim()).Where(t => t.Length > 0));
        var model = sample.Calls.Select(c => c.Model).FirstOrDefault(m => m.Length > 0) ?? "";
        problems.Add(new SolvedProblem(file, Path.GetFileNameWithoutExtension(file), trace.Problem, trace.Answer, Tail(solution), model));
    }

    /// <summary>A long-CoT reply's part after its thinking block, when there is one worth reading.</summary>
    private static string AnswerPart(string reply)
    {
        var close = reply.LastIndexOf("</think>", StringComparison.Ordinal);
        if (close < 0) return reply.Trim();
        var after = reply[(close + "</think>".Length)..].Trim();
        return after.Length >= 40 ? after : reply.Trim();
    }

    private static string Tail(string text) => text.Length <= MaxSolutionChars ? text : "…" + text[^MaxSolutionChars..];
}
