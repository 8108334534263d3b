namespace ReasonFlux.Grading.Tests;

public sealed class IntegerAnswerTests
{
    [Theory]
    [InlineData("The answer is $\\boxed{\\textbf{(113) }}$.", "113")]
    [InlineData("so \\boxed{\\textbf{(033)}}", "33")]
    [InlineData("\\boxed{\\text{(5)}}", "5")]
    public void AoPS_answer_choice_box_around_an_integer_is_that_integer(string reply, string gold)
    {
        var verdict = Grader.Grade(gold, reply, AnswerKind.Integer);
        Assert.True(verdict.Equivalent, verdict.Reason);
    }

    [Fact]
    public void AoPS_box_with_another_integer_is_different()
    {
        Assert.False(Grader.Grade("112", "\\boxed{\\textbf{(113) }}", AnswerKind.Integer).Equivalent);
    }
}
