namespace ReasonFlux.Grading.Tests;

/// <summary>True/false golds answered with true/false or yes/no words, as TheoremQA-style replies state them.</summary>
public sealed class BooleanAnswerTests
{
    [Theory]
    [InlineData("True", "The utility function is convex.\nThe answer is Yes.\n\n")]
    [InlineData("True", "Therefore the pair is also a DFT pair.\nThe answer is True.")]
    [InlineData("False", "The answer is no.")]
    [InlineData("False", "Final answer: **False**")]
    [InlineData("True", "\\boxed{\\text{True}}")]
    [InlineData("True", "yes")]
    [InlineData("\\text{False}", "The answer is NO.")]
    public void A_yes_or_no_word_answers_a_boolean_gold(string gold, string pred) =>
        Assert.True(Grader.Grade(gold, pred).Equivalent, Grader.Grade(gold, pred).Reason);

    [Theory]
    [InlineData("True", "The answer is No.")]
    [InlineData("False", "The answer is yes.")]
    [InlineData("True", "\\boxed{\\text{False}}")]
    public void The_opposite_word_is_wrong(string gold, string pred) =>
        Assert.False(Grader.Grade(gold, pred).Equivalent);

    [Theory]
    [InlineData("True", "The answer is 1.")]
    [InlineData("4", "The answer is yes.")]
    [InlineData("True", "It is not true that x = 2; the answer is 3.")]
    public void Only_a_whole_yes_or_no_answer_counts(string gold, string pred) =>
        Assert.False(Grader.Grade(gold, pred).Equivalent);
}
