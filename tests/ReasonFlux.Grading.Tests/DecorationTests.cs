namespace ReasonFlux.Grading.Tests;

/// <summary>Units, thousands separators, ordinals and approximate tails are decoration around the value.</summary>
public sealed class DecorationTests
{
    [Theory]
    [InlineData("36", "36 \\mbox{ inches}^2")]
    [InlineData("36 \\text{ cm}^2", "36")]
    [InlineData("12 \\text{ cm}^2", "12\\text{ cm}^{2}")]
    [InlineData("0.45", "0.45 \\text{kcal m}^{-2}\\text{yr}^{-1}")]
    [InlineData("7", "7 \\text{ m}⁻²")]
    [InlineData("1.5", "1.5 Å")]
    [InlineData("25", "25 ^\\circ \\mathrm{C}")]
    [InlineData("100", "100°C")]
    [InlineData("12", "12^{\\text{th}}\\text{ grade}")]
    [InlineData("5", "\\text{5 apples}")]
    public void Units_with_exponents_and_ordinals_are_decoration(string gold, string pred) =>
        Assert.True(Grader.Equivalent(gold, pred).Equivalent, Grader.Equivalent(gold, pred).Reason);

    [Theory]
    [InlineData("144", "12 \\text{ cm}^2")]
    [InlineData("6", "36 \\text{ cm}^2")]
    [InlineData("25", "26°C")]
    public void A_unit_exponent_never_changes_the_value(string gold, string pred) =>
        Assert.False(Grader.Equivalent(gold, pred).Equivalent);

    [Theory]
    [InlineData("11111111100", "11,\\! 111,\\! 111,\\! 100")]
    [InlineData("32349", "32,\\!349")]
    [InlineData("14916", "14{,}916")]
    [InlineData("1000000", "1\\,000\\,000")]
    [InlineData("2500", "2 500")]
    public void Thousands_separators_join_digit_groups(string gold, string pred) =>
        Assert.True(Grader.Equivalent(gold, pred).Equivalent, Grader.Equivalent(gold, pred).Reason);

    [Theory]
    [InlineData("1,5", "15")]
    [InlineData("(1,500)", "1500")]
    public void A_comma_without_a_three_digit_group_is_no_thousands_separator(string gold, string pred) =>
        Assert.False(Grader.Equivalent(gold, pred).Equivalent);

    [Theory]
    [InlineData("\\frac{\\sqrt{3}}{3}", "\\frac{\\sqrt{3}}{3} \\approx 0.577")]
    [InlineData("\\frac{\\sqrt{3}}{3} \\approx 0.577", "\\frac{\\sqrt{3}}{3}")]
    [InlineData("\\pi", "\\pi \\approx 3.14")]
    [InlineData("\\frac{1}{\\sqrt{2}}c", "\\frac{c}{\\sqrt{2}} \\approx 0.707c")]
    public void The_exact_left_side_of_an_approximation_is_the_answer(string gold, string pred) =>
        Assert.True(Grader.Equivalent(gold, pred).Equivalent, Grader.Equivalent(gold, pred).Reason);

    [Fact]
    public void An_approximation_tail_does_not_rescue_a_wrong_exact_value() =>
        Assert.False(Grader.Equivalent("\\frac{\\sqrt{3}}{3}", "\\frac{\\sqrt{2}}{3} \\approx 0.577").Equivalent);

    [Theory]
    [InlineData("E", "\\mathrm{E}")]
    [InlineData("\\mathrm{E}", "E")]
    [InlineData("odd", "\\text{odd}")]
    public void Text_styling_around_an_answer_is_decoration(string gold, string pred) =>
        Assert.True(Grader.Grade(gold, pred).Equivalent, Grader.Grade(gold, pred).Reason);
}
