namespace ReasonFlux.Grading.Tests;

/// <summary>The percent policy and multiple-choice letters A–E.</summary>
public sealed class PercentAndChoiceTests
{
    [Theory]
    [InlineData("10", "10\\%")]
    [InlineData("28", "The price rose by \\boxed{28\\%}.")]
    [InlineData("12.5", "12.5 percent")]
    [InlineData("0.28", "28\\%")]
    [InlineData("28\\%", "28")]
    [InlineData("28\\%", "0.28")]
    public void A_percent_answers_a_bare_number_gold_and_the_other_way_round(string gold, string pred) =>
        Assert.True(Grader.Grade(gold, pred).Equivalent, Grader.Grade(gold, pred).Reason);

    [Theory]
    [InlineData("10", "11\\%")]
    [InlineData("\\frac{40}{9}", "4 4/9\\%")]
    [InlineData("28\\%", "0.28\\%")]
    public void A_percent_is_not_any_number(string gold, string pred) =>
        Assert.False(Grader.Grade(gold, pred).Equivalent);

    [Theory]
    [InlineData("E", "The answer is (E).")]
    [InlineData("E", "\\boxed{E}")]
    [InlineData("D", "The answer is for sure D, it can't be A or B")]
    [InlineData("C", "I think the correct option is C, not A")]
    [InlineData("C", "Definitely C. Options A, B and D fail the check.")]
    public void Choice_letters_run_from_A_to_E(string gold, string pred) =>
        Assert.True(Grader.Grade(gold, pred).Equivalent, Grader.Grade(gold, pred).Reason);

    [Theory]
    [InlineData("E", "The answer is (D).")]
    [InlineData("D", "The answer is for sure B, it can't be D")]
    public void Another_letter_is_another_choice(string gold, string pred) =>
        Assert.False(Grader.Grade(gold, pred).Equivalent);
}
