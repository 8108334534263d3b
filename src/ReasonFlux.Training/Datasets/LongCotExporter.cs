using System.Text.RegularExpressions;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Reasoning.Hosting;

namespace ReasonFlux.Training.Datasets;

/// <summary>
/// ReasonFlux-F1-style SFT data from evaluation runs: problem → <c>&lt;think&gt;…&lt;/think&gt;</c> + answer, only from
/// samples graded correct, with exact duplicates (same problem, same text up to whitespace) dropped.
/// </summary>
public static partial class LongCotExporter
{
    /// <summary>Reads every run folder (its <c>results.db</c>) and builds the examples.</summary>
    /// <exception cref="SettingException">An option is out of range.</exception>
    /// <exception cref="FileNotFoundException">A folder holds no run.</exception>
    /// <exception cref="InvalidDataException">A run is a flux run: its replies are final answers, not whole chains of thought.</exception>
    public static SftExport Export(IEnumerable<string> runDirs, LongCotOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(runDirs);
        options ??= new LongCotOptions();
        if (options.MaxPerProblem is < 1)
            throw SettingException.Invalid(Setting.Of<LongCotOptions>(nameof(options.MaxPerProblem), "max examples per problem"), options.MaxPerProblem, "must be at least 1");
        var examples = new List<SftExample>();
        var excluded = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Exclude(string why) => excluded[why] = excluded.GetValueOrDefault(why) + 1;
        var seen = new HashSet<(string, string)>();
        var perProblem = new Dictionary<string, int>(StringComparer.Ordinal);
        var read = 0;
        foreach (var dir in runDirs)
        {
            using var store = ResultStore.Open(dir);
            if (SolverKinds.TryParse(store.Manifest.Solver) == SolverKind.Flux)
                throw new InvalidDataException($"{dir}: a flux run stores final answers, not whole chains of thought; build navigator data from its traces, or export a direct run");
            var problems = store.ReadProblems().ToDictionary(p => p.Id, StringComparer.Ordinal);
            foreach (var sample in store.ReadSamples())
            {
                read++;
                if (sample.Error is not null) { Exclude("failed (error or timeout)"); continue; }
                if (!sample.Correct) { Exclude("not graded correct"); continue; }
                var problem = problems.TryGetValue(sample.ProblemId, out var p) ? p.Problem : sample.Prompt;
                var response = Response(sample, options.RequireThinking);
                if (response is null) { Exclude("no thinking block"); continue; }
                if (!seen.Add((problem, Collapse(response)))) { Exclude("duplicate"); continue; }
                var count = perProblem.GetValueOrDefault(problem);
                if (options.MaxPerProblem is { } max && count >= max) { Exclude("over the per-problem limit"); continue; }
                perProblem[problem] = count + 1;
                examples.Add(new SftExample($"{dir}#{sample.ProblemId}/{sample.SampleIndex}", problem, response, options.System));
            }
        }
        return new SftExport(examples, read, excluded);
    }

    /// <summary>The training target: thinking in its tags, a blank line, the answer part.</summary>
    internal static string? Response(SampleRecord sample, bool requireThinking)
    {
        // R1-style prompts open thinking themselves, so a reply may hold "</think>" without the opening tag.
        var (thinking, answer) = ThinkingSplit.Split(sample.Reply, startsInThinking: sample.Reply.Contains("</think>", StringComparison.Ordinal));
        if (thinking.Length == 0)
        {
            if (requireThinking) return null;
            thinking = sample.Reply.Trim();
            answer = sample.Extracted is { Length: > 0 } x ? $"The final answer is $\\boxed{{{x}}}$." : "";
        }
        return answer.Length == 0 ? $"<think>\n{thinking}\n</think>" : $"<think>\n{thinking}\n</think>\n\n{answer}";
    }

    private static string Collapse(string text) => Whitespace().Replace(text.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
