using ReasonFlux.Evaluation.Metrics;
using ReasonFlux.Evaluation.Storage;

namespace ReasonFlux.Evaluation.Tests;

public sealed class MetricsCalculatorTests
{
    private static SampleRecord Sample(string id, int i, string? answer, bool correct) =>
        new(id, i, "p", answer ?? "", answer, correct, "", 10, 20, 1, null, correct ? null : answer is null ? FailureKinds.NoAnswer : FailureKinds.WrongAnswer);

    [Theory]
    [InlineData(10, 3, 1, 0.3)]
    [InlineData(10, 0, 5, 0.0)]
    [InlineData(10, 8, 3, 1.0)]
    [InlineData(4, 1, 2, 0.5)]
    public void Unbiased_pass_at_k_matches_the_closed_form(int n, int c, int k, double expected) =>
        Assert.Equal(expected, MetricsCalculator.PassAtK(n, c, k), 9);

    [Fact]
    public void Pass1_is_the_mean_over_problems_of_the_fraction_correct_and_maj_uses_the_most_frequent_answer()
    {
        RunProblem[] problems = [new(0, "a", "p", "1", "Algebra", 1), new(1, "b", "p", "2", "Geometry", 5)];
        SampleRecord[] samples =
        [
            Sample("a", 0, "1", true), Sample("a", 1, "3", false), Sample("a", 2, "1", true), Sample("a", 3, "1", true),
            Sample("b", 0, "7", false), Sample("b", 1, "7", false), Sample("b", 2, "2", true), Sample("b", 3, null, false),
        ];
        var manifest = RunManifest.Create("t", "sha", "reference", "", 4, new Dictionary<string, string>());
        var s = MetricsCalculator.Summarize(manifest, problems, samples);
        Assert.Equal((0.75 + 0.25) / 2, s.Pass1, 9);
        Assert.Equal(0.5, s.MajK, 9); // a: "1" wins (correct); b: "7" wins (wrong)
        Assert.Equal(1.0, s.PassK, 9);
        Assert.Equal(1, s.Failures[FailureKinds.NoAnswer]);
        Assert.Equal(0.75, s.BySubject["Algebra"].Pass1, 9);
        Assert.Equal(0.25, s.ByLevel["5"].Pass1, 9);
    }

    [Fact]
    public void Maj_at_k_counts_grader_equivalent_answers_as_one_vote()
    {
        RunProblem[] problems = [new(0, "a", "p", "1/2", null, null)];
        // "1/2" and "0.5" are one answer of two votes, ahead of "3" seen first: the vote solve --samples takes.
        SampleRecord[] samples = [Sample("a", 0, "3", false), Sample("a", 1, "1/2", true), Sample("a", 2, "0.5", true)];
        var manifest = RunManifest.Create("t", "sha", "reference", "", 3, new Dictionary<string, string>());

        var s = MetricsCalculator.Summarize(manifest, problems, samples);

        Assert.Equal(1.0, s.MajK, 9);
    }

    [Fact]
    public void Bootstrap_interval_contains_the_mean_and_repeats_exactly()
    {
        var values = Enumerable.Range(0, 200).Select(i => i % 3 == 0 ? 1.0 : 0.0).ToArray();
        var ci = MetricsCalculator.BootstrapCi(values);
        Assert.InRange(values.Average(), ci[0], ci[1]);
        Assert.Equal(ci, MetricsCalculator.BootstrapCi(values));
        Assert.True(ci[1] - ci[0] is > 0.05 and < 0.2, $"interval [{ci[0]}, {ci[1]}]");
    }
}
