namespace ReasonFlux.Grading.Tests;

/// <summary>Answer lists, tuples and sets: connectors, separators and braces.</summary>
public sealed class ListsAndSetsTests
{
    [Theory]
    [InlineData("1,5", "1 \\text{ and } 5")]
    [InlineData("1,5", "5 \\text{ or } 1")]
    [InlineData("1, 2, 3", "(1, 2, 3)")]
    [InlineData("(1, 2, 3)", "1, 2, 3")]
    [InlineData("(0;-2;6), (4;0;0)", "(4, 0, 0), (0, -2, 6)")]
    [InlineData("(1,3)", "{1,3}")]
    [InlineData("\\{1,3\\}", "{3,1}")]
    [InlineData("(0,2),(0,-2),(4,23),(4,-23)", "(0, \\pm 2), (4, \\pm 23)")]
    public void Lists_tuples_and_separators(string gold, string pred) =>
        Assert.True(Grader.Equivalent(gold, pred).Equivalent, Grader.Equivalent(gold, pred).Reason);

    [Theory]
    [InlineData("(3,1)", "{1,3}")]
    [InlineData("1, 2, 3", "(3, 2, 1)")]
    [InlineData("(0;-2;6)", "(0, 2, 6)")]
    [InlineData("1,5", "1 \\text{ and } 6")]
    [InlineData("[1, 2]", "1, 2")]
    [InlineData("(0,2),(0,-2),(4,23)", "(0, \\pm 2), (4, \\pm 23)")]
    public void A_tuple_keeps_its_order_and_an_interval_is_no_list(string gold, string pred) =>
        Assert.False(Grader.Equivalent(gold, pred).Equivalent);
}
