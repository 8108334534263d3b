using System.Text.Json;

namespace ReasonFlux.Grading.Tests;

/// <summary>One line of shared/grader-cases/dev.jsonl.</summary>
internal sealed record GraderCase(int Line, string Gold, string Pred, bool Expected, string Category, string? Caveat, int? Precision)
{
    public static IReadOnlyList<GraderCase> LoadDev()
    {
        var lines = File.ReadAllLines(ReasonFlux.Tests.SharedData.Path("grader-cases/dev.jsonl"));
        var cases = new List<GraderCase>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            using var doc = JsonDocument.Parse(lines[i]);
            var r = doc.RootElement;
            cases.Add(new GraderCase(
                i + 1,
                r.GetProperty("gold").GetString()!,
                r.GetProperty("pred").GetString()!,
                r.GetProperty("expected").GetBoolean(),
                r.GetProperty("category").GetString()!,
                r.TryGetProperty("caveat", out var c) ? c.GetString() : null,
                r.TryGetProperty("precision", out var p) ? p.GetInt32() : null));
        }
        return cases;
    }

    public Verdict Grade() => Grader.Grade(Gold, Pred, AnswerKind.Auto, Precision is { } p ? new GradingOptions { Precision = p } : null);
}
