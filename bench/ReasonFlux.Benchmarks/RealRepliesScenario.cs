using System.Diagnostics;
using System.Text.Json;
using ReasonFlux.Cli;
using ReasonFlux.Grading;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// <c>scenario real-replies [PATH] [--examples N]</c>: grades the real-replies corpus (Data/real-replies, 1,320
/// public model replies) and prints, as Markdown tables ready for the README, the agreement of our grader and of
/// Math-Verify with the expected verdicts (hand-adjudicated where checked, Math-Verify's elsewhere) by benchmark and
/// by model family, then our misses grouped by behaviour class with N examples each (default 3; 0 lists them all).
/// </summary>
internal static class RealRepliesScenario
{
    private sealed record Row(string Id, string Model, string Family, string Benchmark, string Source, string Gold, string Reply, bool Reference, bool Expected, bool HandChecked);

    private sealed record Graded(Row Row, Verdict Verdict)
    {
        public bool Right => Verdict.Equivalent == Row.Expected;
    }

    public static Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--examples");
        var examplesArg = at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        var examples = examplesArg is not null && int.TryParse(examplesArg, out var n) ? n : 3;
        var path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != examplesArg) ?? FindCorpus();
        var rows = Load(path);
        var clock = Stopwatch.StartNew();
        var graded = rows.Select(r => new Graded(r, Grader.Grade(r.Gold, r.Reply))).ToList();
        clock.Stop();

        Console.WriteLine($"{path}: {rows.Count} pairs, {rows.Select(r => r.Model).Distinct().Count()} models, graded in {clock.Elapsed.TotalMilliseconds:0} ms");
        foreach (var source in rows.GroupBy(r => r.Source).OrderByDescending(g => g.Count()))
            Console.WriteLine($"  {source.Key}: {source.Count()}");
        Console.WriteLine();
        Console.WriteLine("Agreement with the expected verdicts (ours and Math-Verify), and ours with Math-Verify:");
        Table("benchmark", graded.GroupBy(g => g.Row.Benchmark), graded);
        Table("family", graded.GroupBy(g => g.Row.Family), graded);

        var hand = graded.Where(g => g.Row.HandChecked).ToList();
        Console.WriteLine("Rows not hand-checked take Math-Verify's verdict as expected, so its column is an upper bound; the");
        Console.WriteLine("independent comparison is on the hand-checked rows (see SOURCES.md: every ours/Math-Verify disagreement when the");
        Console.WriteLine("corpus was made, a random sample of agreements, and rows whose stated answer matched the gold where both said different):");
        Console.WriteLine($"Hand-checked rows: {hand.Count}; ours right on {hand.Count(g => g.Right)}, Math-Verify right on {hand.Count(g => g.Row.Reference == g.Row.Expected)}.");
        Console.WriteLine();

        var misses = graded.Where(g => !g.Right).Select(g => (Graded: g, Class: DisagreementClass.Of(g.Row.Gold, g.Verdict))).ToList();
        Console.WriteLine($"Our misses by behaviour class ({misses.Count}; false positive = we said equivalent):");
        Console.WriteLine();
        Console.WriteLine("| class | misses | false positives | false negatives |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        foreach (var name in DisagreementClass.Names)
        {
            var inClass = misses.Where(m => m.Class == name).ToList();
            if (inClass.Count == 0) continue;
            Console.WriteLine($"| {name} | {inClass.Count} | {inClass.Count(m => m.Graded.Verdict.Equivalent)} | {inClass.Count(m => !m.Graded.Verdict.Equivalent)} |");
        }
        Console.WriteLine();
        foreach (var name in DisagreementClass.Names)
        {
            var inClass = misses.Where(m => m.Class == name).ToList();
            if (inClass.Count == 0) continue;
            Console.WriteLine($"{name}:");
            foreach (var (g, _) in examples > 0 ? inClass.Take(examples) : inClass)
            {
                var p = g.Verdict.Predicted;
                Console.WriteLine($"  {g.Row.Id} {g.Row.Model} {g.Row.Benchmark}: expected {Word(g.Row.Expected)}{(g.Row.HandChecked ? " (hand)" : "")} | gold: {VisibleText.Of(g.Row.Gold, 80)} | extracted: {(p is null ? "(none)" : $"{VisibleText.Of(p.Text, 80)} [{p.Rule}]")} | {VisibleText.Of(g.Verdict.Reason, 120)}");
            }
        }
        return Task.FromResult(0);
    }

    private static void Table(string key, IEnumerable<IGrouping<string, Graded>> groups, List<Graded> all)
    {
        Console.WriteLine();
        Console.WriteLine($"| {key} | pairs | ours = expected | Math-Verify = expected | ours = Math-Verify |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
        foreach (var g in groups.OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)) Console.WriteLine(Line(g.Key, [.. g]));
        Console.WriteLine(Line("**all**", all));
        Console.WriteLine();
    }

    private static string Line(string name, List<Graded> rows)
    {
        var ours = rows.Count(g => g.Right);
        var reference = rows.Count(g => g.Row.Reference == g.Row.Expected);
        var both = rows.Count(g => g.Verdict.Equivalent == g.Row.Reference);
        return $"| {name} | {rows.Count} | {Pct(ours, rows.Count)} | {Pct(reference, rows.Count)} | {Pct(both, rows.Count)} |";
    }

    private static string Pct(int count, int total) => $"{count} ({100.0 * count / total:0.0}%)";

    private static string Word(bool equivalent) => equivalent ? "equivalent" : "different";

    private static List<Row> Load(string path)
    {
        var rows = new List<Row>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                rows.Add(new Row(
                    r.GetProperty("id").GetString()!, r.GetProperty("model").GetString()!, r.GetProperty("family").GetString()!,
                    r.GetProperty("benchmark").GetString()!, r.GetProperty("source").GetProperty("repo").GetString()!,
                    r.GetProperty("gold").GetString()!, r.GetProperty("reply").GetString()!,
                    r.GetProperty("reference_verdict").GetBoolean(), r.GetProperty("expected").GetBoolean(),
                    r.TryGetProperty("hand_checked", out var h) && h.GetBoolean()));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: {ex.Message}", ex);
            }
        }
        return rows;
    }

    private static string FindCorpus()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "Data", "real-replies", "real-replies.jsonl");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("Data/real-replies/real-replies.jsonl not found above " + AppContext.BaseDirectory + "; pass its path");
    }
}
