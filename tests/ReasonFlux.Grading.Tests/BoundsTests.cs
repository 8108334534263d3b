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
}
