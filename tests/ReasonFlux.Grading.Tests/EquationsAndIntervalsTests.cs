namespace ReasonFlux.Grading.Tests;

/// <summary>Equation-shaped answers, inequalities against intervals, grouping brackets, inverse trig and renamed constants.</summary>
public sealed class EquationsAndIntervalsTests
{
    [Theory]
    [InlineData("19", "BC^2 = 19")]
    [InlineData("1+i\\sqrt{3}", "a = b = 1+i\\sqrt{3}")]
    [InlineData("2x+1", "y = 2x+1")]
    [InlineData("y = 2x + 1", "x = \\frac{y-1}{2}")]
    [InlineData("4", "\\text{Yes, } n=4")]
    [InlineData("6", "\\text{Yes}, k = 6")]
    [InlineData("y^{\\prime}+r y-r x=0", "y' = r x - r y")]
    [InlineData("f(n) = 2n+1007", "f(n)=2n+1007 \\text{ for all } n")]
    public void Equation_shaped_answers_name_their_value(string gold, string pred) =>
        Assert.True(Grader.Equivalent(gold, pred).Equivalent, Grader.Equivalent(gold, pred).Reason);

    [Theory]
    [InlineData("5", "x + 1 = 5")]
    [InlineData("19", "BC^2 = 20")]
    [InlineData("4", "\\text{No, } n=5")]
    [InlineData("f(n) = 2n+1007", "f(n)=2n+1008 \\text{ for all } n")]
    public void An_equation_that_is_not_a_label_is_not_its_right_side(string gold, string pred) =>
        Assert.False(Grader.Equivalent(gold, pred).Equivalent);

    [Theory]
    [InlineData("x \\in [-2,7]", "-2 \\le x \\le 7")]
    [InlineData("-2 \\le x \\le 7", "x \\in [-2,7]")]
    [InlineData("[\\sqrt{2}, \\infty)", "m \\ge \\sqrt{2}")]
    [InlineData("(-\\infty, -1) \\cup (2, \\infty)", "x < -1 \\text{ or } x > 2")]
    [InlineData("x<-1 \\text{ or } x>2", "(2,\\infty)\\cup(-\\infty,-1)")]
    public void Intervals_and_the_inequalities_that_describe_them_are_equal(string gold, string pred) =>
        Assert.True(Grader.Equivalent(gold, pred).Equivalent, Grader.Equivalent(gold, pred).Reason);

    [Theory]
    [InlineData("x \\in [-2,7]", "-2 < x \\le 7")]
    [InlineData("[\\sqrt{2}, \\infty)", "m > \\sqrt{2}")]
    [InlineData("(-\\infty, -1) \\cup (2, \\infty)", "x < -1 \\text{ or } x > 3")]
    public void Endpoints_and_openness_still_count(string gold, string pred) =>
        Assert.False(Grader.Equivalent(gold, pred).Equivalent);

    [Theory]
    [InlineData("\\frac{1}{4}(\\cos 2t + \\sin 2t)", "\\frac14\\left[\\cos 2t+\\sin 2t\\right]")]
    [InlineData("\\lambda^5(e^{x}-1)", "\\lambda^5[e^{x}-1]")]
    [InlineData("\\arcsin x", "\\sin^{-1} x")]
    [InlineData("\\arctan(2)", "\\tan^{-1}(2)")]
    [InlineData("2 \\cos (\\pi t+\\pi / 3)", "\\cos \\pi t - \\sqrt{3}\\sin \\pi t")]
    public void Square_brackets_group_and_inverse_trig_is_arc(string gold, string pred) =>
        Assert.True(Grader.Equivalent(gold, pred).Equivalent, Grader.Equivalent(gold, pred).Reason);

    [Fact]
    public void A_minus_two_power_of_sine_is_not_arcsine() =>
        Assert.False(Grader.Equivalent("\\arcsin x", "\\sin^{-2} x").Equivalent);

    [Theory]
    [InlineData("Ce^{-2x}", "ce^{-2x}")]
    [InlineData("C_1 e^{x} + C_2 e^{2x}", "c_1 e^{x} + c_2 e^{2x}")]
    [InlineData("C_1 e^{t}+C_2 e^{2t}", "c_2 e^{t}+c_1 e^{2t}")]
    [InlineData("C_1 \\sin 2t + C_2 \\cos 2t", "C_1 \\cos 2t + C_2 \\sin 2t")]
    [InlineData("\\frac{x}{2}+ce^{-2x}", "y = \\frac{x}{2} + Ke^{-2x}")]
    [InlineData("y = c_1 + c_2 t + c_3 t^2 + c_4 t^3", "y = C_1 + C_2 t + C_3 t^2 + C_4 t^3")]
    public void Constants_of_integration_may_be_named_differently(string gold, string pred) =>
        Assert.True(Grader.Equivalent(gold, pred).Equivalent, Grader.Equivalent(gold, pred).Reason);

    [Theory]
    [InlineData("Ce^{-2x}", "ce^{-3x}")]
    [InlineData("Ce^{-2x}", "Ce^{-2t}")]
    [InlineData("x+c", "y+C")]
    [InlineData("a+c", "a+C+1")]
    public void Renaming_constants_never_renames_the_problems_variables(string gold, string pred) =>
        Assert.False(Grader.Equivalent(gold, pred).Equivalent);
}
