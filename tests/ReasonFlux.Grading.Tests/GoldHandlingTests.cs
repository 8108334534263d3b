namespace ReasonFlux.Grading.Tests;

/// <summary>A gold is an answer: never read by prose rules or its last number.</summary>
public sealed class GoldHandlingTests
{
    private static string Polynomial(int terms) => string.Join("+", Enumerable.Range(1, terms).Select(k => $"{k + 2}x^{{{k}}}y^{{{terms - k}}}"));

    [Fact]
    public void A_long_polynomial_gold_never_equals_its_last_number()
    {
        var gold = Polynomial(70);
        Assert.False(Grader.Grade(gold, "\\boxed{72}").Equivalent);
        Assert.False(Grader.Grade(gold, "\\boxed{1}").Equivalent);
        Assert.True(Grader.Grade(gold, $"\\boxed{{{gold}}}").Equivalent);
    }

    [Theory]
    [InlineData("\\frac{1}{LCs^{2}+RCs+1}", "so the answer is \\boxed{1}")]
    [InlineData("\\frac{1}{LCs^{2}+RCs+1}", "1")]
    [InlineData("V_0 e^{-t/RC} \\text{ volts}", "\\boxed{0}")]
    [InlineData("the number of edges plus 2", "\\boxed{2}")]
    public void A_gold_formula_is_not_reduced_to_a_number_in_it(string gold, string pred) =>
        Assert.False(Grader.Grade(gold, pred).Equivalent);

    [Theory]
    [InlineData("\\frac{1}{LCs^{2}+RCs+1}", "\\boxed{\\frac{1}{1+RCs+LCs^2}}")]
    [InlineData("Onto, not one-to-one", "The answer is \\boxed{\\text{Onto, not one-to-one}}")]
    [InlineData("north east", "\\boxed{\\text{North East}}")]
    public void A_gold_that_is_not_a_number_is_compared_whole(string gold, string pred) =>
        Assert.True(Grader.Grade(gold, pred).Equivalent, Grader.Grade(gold, pred).Reason);

    [Theory]
    [InlineData("$3$ and $7$", "\\boxed{3, 7}")]
    [InlineData("$7$ and $3$", "\\boxed{3,7}")]
    [InlineData("$21,16$ or $11$", "$\\boxed{11, 16, 21}$")]
    [InlineData("$x=2$ or $x=-5$", "\\boxed{-5, 2}")]
    public void Gold_spans_joined_by_connectors_are_a_list(string gold, string pred) =>
        Assert.True(Grader.Grade(gold, pred).Equivalent, Grader.Grade(gold, pred).Reason);

    [Theory]
    [InlineData("$3$ and $7$", "\\boxed{7}")]
    [InlineData("$21,16$ or $11$", "\\boxed{11}")]
    public void A_gold_list_is_not_its_last_member(string gold, string pred) =>
        Assert.False(Grader.Grade(gold, pred).Equivalent);

    [Fact]
    public void A_gold_solution_is_read_by_its_box_not_its_prose()
    {
        const string gold = "We have $x = 3$ and $y = 4$, so the sum is $\\boxed{7}$.";
        Assert.True(Grader.Grade(gold, "\\boxed{7}").Equivalent);
        Assert.False(Grader.Grade(gold, "\\boxed{4}").Equivalent);
    }
}
