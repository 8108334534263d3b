using System.Globalization;

namespace ReasonFlux.Grading.Tests;

/// <summary>Decimals are compared relatively at every magnitude; a gold in scientific notation is read at its significant figures.</summary>
public sealed class NumericToleranceTests
{
    [Theory]
    [InlineData("4.6e-24", "7.27e-7")]
    [InlineData("3.61e-10", "5.11e-10")]
    [InlineData("2\\times10^{-7}", "0.0000005")]
    [InlineData("0.000001", "0.0000015")]
    [InlineData("6.02\\times10^{23}", "6.02\\times10^{22}")]
    [InlineData("1.5e30", "1.5e31")]
    [InlineData("1.6e-30", "0")]
    [InlineData("1e35", "9 \\times 10^{34}")]
    public void Values_of_different_size_are_never_equal(string gold, string pred) =>
        Assert.False(Grader.Equivalent(gold, pred).Equivalent);

    [Fact]
    public void No_two_values_an_order_of_magnitude_apart_are_equal_from_1e_minus_30_to_1e35()
    {
        var random = new Random(13);
        for (var n = 0; n < 2_000; n++)
        {
            var exponent = random.Next(-30, 36);
            var mantissa = 1 + random.NextDouble() * 8;
            var factor = random.Next(2) == 0 ? 10 : 0.1;
            var gold = (mantissa * Math.Pow(10, exponent)).ToString("R", CultureInfo.InvariantCulture);
            var pred = (mantissa * Math.Pow(10, exponent) * factor).ToString("R", CultureInfo.InvariantCulture);
            Assert.False(Grader.Equivalent(gold, pred).Equivalent, $"{gold} vs {pred}");
        }
    }

    [Theory]
    [InlineData("3.83e35", "3.83\\times10^{35}")]
    [InlineData("3.83 \\times 10^{35}", "383000000000000000000000000000000000")]
    [InlineData("1/3", "0.333333")]
    [InlineData("\\frac{2}{3}", "0.6666667")]
    [InlineData("1.23456789e-20", "1.2345678900001e-20")]
    [InlineData("0.001", "0.0010004")]
    public void Equal_values_at_any_magnitude_are_equal(string gold, string pred) =>
        Assert.True(Grader.Equivalent(gold, pred).Equivalent, Grader.Equivalent(gold, pred).Reason);

    [Theory]
    [InlineData("4.6e-24", "4.57e-24")]
    [InlineData("4.6\\times10^{-24}", "4.64 \\times 10^{-24}")]
    [InlineData("2.9979 \\times 10^{8}", "299792458")]
    [InlineData("-1.6e-19", "-1.602e-19")]
    [InlineData("20.39", "20.4")]
    [InlineData("671.02", "671")]
    [InlineData("4.03188", "4.0319")]
    [InlineData("7.353e14", "7.35 \\times 10^{14}")]
    public void A_value_that_rounds_to_the_other_at_its_significant_figures_is_equal(string gold, string pred) =>
        Assert.True(Grader.Equivalent(gold, pred).Equivalent, Grader.Equivalent(gold, pred).Reason);

    [Theory]
    [InlineData("4.6e-24", "4.66e-24")]
    [InlineData("4.60e-24", "4.57e-24")]
    [InlineData("0.5", "0.46")]
    [InlineData("0.016", "0.01634")]
    [InlineData("12.5", "13")]
    [InlineData("20.39", "20.3")]
    [InlineData("-1.6e-19", "1.6e-19")]
    public void Rounding_needs_enough_significant_figures_and_stays_within_half_a_unit(string gold, string pred) =>
        Assert.False(Grader.Equivalent(gold, pred).Equivalent);
}
