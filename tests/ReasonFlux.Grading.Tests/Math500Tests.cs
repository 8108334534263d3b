using System.Text;
using System.Text.Json;

namespace ReasonFlux.Grading.Tests;

/// <summary>Real data: the reference solutions of MATH500 (shared/benchmarks/math500.jsonl).</summary>
public sealed class Math500Tests(ITestOutputHelper output)
{
    /// <summary>Problems whose boxed answer and answer field differ in a way we do not grade as equal, with the reason.</summary>
    private static readonly Dictionary<string, string> KnownExceptions = new(StringComparer.Ordinal)
    {
    };

    private static List<(string Id, string Solution, string Answer)> Load() =>
        File.ReadLines(ReasonFlux.Tests.SharedData.Path("benchmarks/math500.jsonl"))
            .Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l =>
            {
                using var doc = JsonDocument.Parse(l);
                var r = doc.RootElement;
                return (r.GetProperty("unique_id").GetString()!, r.GetProperty("solution").GetString()!, r.GetProperty("answer").GetString()!);
            })
            .ToList();

    [Fact]
    public void Boxed_answer_of_every_reference_solution_equals_its_answer_field()
    {
        var problems = Load();
        Assert.Equal(500, problems.Count);
        var failures = new StringBuilder();
        var failed = 0;
        foreach (var (id, solution, answer) in problems)
        {
            var v = Grader.Grade(answer, solution, AnswerKind.Math);
            if (v.Equivalent || KnownExceptions.ContainsKey(id)) continue;
            failed++;
            failures.AppendLine($"{id}: answer={answer} extracted={v.Predicted?.Text} ({v.Predicted?.Rule}) -> {v.Reason}");
        }
        output.WriteLine(failures.ToString());
        Assert.True(failed == 0, $"{failed} of 500 differ:\n{failures}");
    }

    [Fact]
    public void Answers_of_different_problems_are_different_unless_truly_equal()
    {
        var answers = Load().Select(p => p.Answer).Distinct(StringComparer.Ordinal).ToList();
        var report = new StringBuilder();
        var equalPairs = 0;
        // Neighbouring pairs (and a stride) keep this to a few thousand comparisons.
        for (var i = 0; i < answers.Count; i++)
        {
            foreach (var j in (ReadOnlySpan<int>)[i + 1, i + 7, i + 31, i + 97])
            {
                if (j >= answers.Count) continue;
                var v = Grader.Equivalent(answers[i], answers[j]);
                if (!v.Equivalent) continue;
                equalPairs++;
                report.AppendLine($"{answers[i]}  ==  {answers[j]}  ({v.Reason})");
            }
        }
        output.WriteLine(report.ToString());
        Assert.True(equalPairs == 0, report.ToString());
    }
}
