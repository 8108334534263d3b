namespace ReasonFlux.Grading.Tests;

/// <summary>Inputs that once crashed the process or ran without a bound, and the work budget that bounds them.</summary>
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
    public void A_long_reply_over_the_work_budget_is_over_bound_during_extraction()
    {
        // 200,000 characters of prose, spans and numbers with no box or anchor: every extraction rule scans it all.
        var reply = string.Concat(Enumerable.Repeat("so $x_{7} = 12$ and then 3,5 more; ", 200_000 / 35));
        var v = Grader.Grade("42", reply, AnswerKind.Math, new GradingOptions { MaxWork = 20_000 });
        Assert.False(v.Equivalent);
        Assert.StartsWith("over bound: over the work bound of 20000 units during extraction", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_answer_over_the_work_budget_is_over_bound_during_parsing()
    {
        // 250 fractions, about 3,400 characters: under the length limit, so only the work budget can stop it.
        var sum = string.Join("+", Enumerable.Range(1, 250).Select(k => $"\\frac{{{k}}}{{x}}"));
        var v = Grader.Equivalent(sum, "1", new GradingOptions { MaxWork = 1_000 });
        Assert.False(v.Equivalent);
        Assert.Contains("over the work bound of 1000 units during parsing", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Big_number_work_is_charged_by_its_digits_and_stops_in_comparison()
    {
        // 1500! is a few thousand node visits but a 13,000-bit number built digit by digit.
        var v = Grader.Equivalent("1500!", "1501!", new GradingOptions { MaxWork = 5_000 });
        Assert.False(v.Equivalent);
        Assert.Contains("over the work bound of 5000 units during comparison", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_input_over_the_budget_gets_the_same_verdict_every_time()
    {
        var options = new GradingOptions { MaxWork = 3_000, WallClockGuard = TimeSpan.FromHours(1) };
        var reasons = Enumerable.Range(0, 5).Select(_ => Grader.Equivalent("(x+1)^{40}(y-2)^{30}", "(1+x)^{40}(y-2)^{30}", options).Reason).Distinct().ToList();
        Assert.Equal(["over bound: over the work bound of 3000 units during comparison"], reasons);
    }

    [Fact]
    public void The_default_budget_is_ample_for_a_long_symbolic_answer()
    {
        var sum = string.Join("+", Enumerable.Range(1, 250).Select(k => $"\\frac{{{k}}}{{x}}"));
        var v = Grader.Equivalent(sum, "\\frac{31375}{x}");
        Assert.True(v.Equivalent, v.Reason);
    }

    [Fact]
    public void The_wall_clock_guard_remains_as_a_last_resort()
    {
        // Thousands of charges (one per multiplication of two factorials): the guard's clock is read on the way.
        var v = Grader.Equivalent("1999!", "2000!", new GradingOptions { WallClockGuard = TimeSpan.FromTicks(1) });
        Assert.False(v.Equivalent);
        Assert.Contains("over the wall-clock guard", v.Reason, StringComparison.Ordinal);
    }
}
