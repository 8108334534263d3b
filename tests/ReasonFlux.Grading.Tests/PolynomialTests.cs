namespace ReasonFlux.Grading.Tests;

public sealed class PolynomialTests
{
    private static WorkBudget Budget => new(10_000_000, TimeSpan.FromHours(1));

    private static Polynomial X => Polynomial.Indeterminate("x");
    private static Polynomial Y => Polynomial.Indeterminate("y");
    private static Polynomial C(int n) => Polynomial.Constant(new Rational(n, 1));

    [Fact]
    public void Square_of_a_binomial_has_three_terms_in_canonical_order()
    {
        var meter = new ExpansionMeter(Budget);
        Assert.Equal("x^2 + 2*x*y + y^2", X.Add(Y, meter).Pow(2, meter).ToString());
    }

    [Fact]
    public void Terms_that_cancel_leave_no_zero_coefficients()
    {
        var meter = new ExpansionMeter(Budget);
        var difference = X.Add(C(1), meter).Multiply(X.Add(C(-1), meter), meter).Add(X.Multiply(X, meter).Negate(), meter);
        Assert.Equal(C(-1), difference);
    }

    [Fact]
    public void Multiplication_is_commutative_on_canonical_forms()
    {
        var meter = new ExpansionMeter(Budget);
        var a = X.Add(Y.Scale(new Rational(1, 2)), meter).Pow(3, meter);
        var b = Y.Add(C(-7), meter);
        Assert.Equal(a.Multiply(b, meter), b.Multiply(a, meter));
    }

    [Fact]
    public void Rational_functions_are_the_same_when_cross_products_are_equal()
    {
        var meter = new ExpansionMeter(Budget);
        var left = new RationalFunction(X.Multiply(X, meter).Add(C(-1), meter), X.Add(C(-1), meter));
        Assert.True(left.SameAs(RationalFunction.Of(X.Add(C(1), meter)), meter));
    }

    [Fact]
    public void A_power_past_the_degree_bound_is_refused_before_any_work()
    {
        var meter = new ExpansionMeter(Budget);
        Assert.Throws<CanonicalFormLimitException>(() => X.Add(C(1), meter).Pow(1000, meter));
    }
}
