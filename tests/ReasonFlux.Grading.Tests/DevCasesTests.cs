using System.Text;

namespace ReasonFlux.Grading.Tests;

/// <summary>Agreement with the verdicts of the public graders' own test suites (shared/grader-cases/dev.jsonl).</summary>
public sealed class DevCasesTests(ITestOutputHelper output)
{
    [Fact]
    public void Agrees_with_at_least_98_percent_of_dev_cases_without_caveat()
    {
        var cases = GraderCase.LoadDev();
        var report = new StringBuilder();
        var scored = cases.Where(c => c.Caveat is null).ToList();
        var disagreements = new List<string>();
        foreach (var c in scored)
        {
            var v = c.Grade();
            if (v.Equivalent != c.Expected)
                disagreements.Add($"line {c.Line} [{c.Category}] expected {c.Expected}: gold={Short(c.Gold)} pred={Short(c.Pred)} -> gold'={v.Gold?.Text} pred'={v.Predicted?.Text} ({v.Reason})");
        }
        var agree = scored.Count - disagreements.Count;
        report.AppendLine($"agreement without caveat: {agree}/{scored.Count} ({100.0 * agree / scored.Count:0.0}%)");
        foreach (var d in disagreements) report.AppendLine("  " + d);
        output.WriteLine(report.ToString());
        Assert.True(agree >= 0.98 * scored.Count, report.ToString());
    }

    [Fact]
    public void Reports_caveat_cases_per_caveat_class()
    {
        var cases = GraderCase.LoadDev().Where(c => c.Caveat is not null).ToList();
        var report = new StringBuilder();
        foreach (var group in cases.GroupBy(c => c.Caveat!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var misses = group.Where(c => c.Grade().Equivalent != c.Expected).ToList();
            report.AppendLine($"{group.Key}: {group.Count() - misses.Count}/{group.Count()}");
            foreach (var m in misses) report.AppendLine($"  line {m.Line} [{m.Category}] expected {m.Expected}: gold={Short(m.Gold)} pred={Short(m.Pred)}");
        }
        output.WriteLine(report.ToString());
        // Mixed numbers (unmerged-pr) have mathematically sound verdicts: we hold ourselves to them too.
        var mixed = cases.Where(c => c.Caveat == "unmerged-pr").ToList();
        Assert.True(mixed.Count(c => c.Grade().Equivalent == c.Expected) >= mixed.Count - 1, report.ToString());
    }

    private static string Short(string s) => (s.Length > 70 ? "…" + s[^70..] : s).Replace("\n", "\\n", StringComparison.Ordinal);
}
