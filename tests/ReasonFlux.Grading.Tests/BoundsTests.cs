namespace ReasonFlux.Grading.Tests;

/// <summary>Inputs that once crashed the process or ran without a bound.</summary>
public sealed class BoundsTests
{
    [Theory]
    [InlineData("\\{1\\pm\\sqrt{5},-2\\}", "The roots of $P(x)$ are $-2$ and $1 \\pm \\sqrt{5}$, so the answer is $\\boxed{\\{1\\pm\\sqrt{5},-2\\}}.$")]
    [InlineData("3", "(1 \\pm 2)!")]
    public void Plus_minus_under_any_node_ends_in_a_verdict_not_a_stack_overflow(string gold, string pred)
    {
        var v = Grader.Equivalent(gold, pred);
        Assert.DoesNotContain("internal error", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_reply_that_cannot_be_read_within_the_time_bound_is_over_bound_during_extraction()
    {
        // 200,000 characters of prose, spans and numbers with no box or anchor: every extraction rule scans it all.
        var reply = string.Concat(Enumerable.Repeat("so $x_{7} = 12$ and then 3,5 more; ", 200_000 / 35));
        var v = Grader.Grade("42", reply, AnswerKind.Math, new GradingOptions { TimeBudget = TimeSpan.FromMilliseconds(1) });
        Assert.False(v.Equivalent);
        Assert.StartsWith("over bound: over the time bound of 1 ms during extraction", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_answer_past_the_time_bound_is_over_bound_during_parsing()
    {
        // 300 fractions, about 3,500 characters: under the length limit, so only the clock can stop it.
        var sum = string.Join("+", Enumerable.Range(1, 300).Select(k => $"\\frac{{{k}}}{{x}}"));
        var v = Grader.Equivalent(sum, "1", new GradingOptions { TimeBudget = TimeSpan.FromTicks(1) });
        Assert.False(v.Equivalent);
        Assert.Contains("during parsing", v.Reason, StringComparison.Ordinal);
    }
}
