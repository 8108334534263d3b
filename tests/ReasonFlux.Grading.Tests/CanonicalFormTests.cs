namespace ReasonFlux.Grading.Tests;

/// <summary>Symbolic identity by canonical polynomial / rational form, and when evaluation decides instead.</summary>
public sealed class CanonicalFormTests
{
    private const string ByCanonicalForm = "symbolic (canonical form)";
    private const string ByEvaluation = "symbolic (evaluation)";

    private static RationalFunction Form(string latex)
    {
        var budget = WorkBudget.For(GradingOptions.Default);
        var expr = ExpressionParser.TryParse(AnswerCleaner.Clean(latex), out var error, budget) ?? throw new InvalidOperationException(error);
        return CanonicalForm.Of(expr, budget) ?? throw new InvalidOperationException($"no canonical form for {latex}");
    }

    [Theory]
    [InlineData("(x+1)(x-1)(y+2)", "x^2y + 2x^2 - y - 2")]
    [InlineData("(a+b)^3", "a^3 + 3a^2b + 3ab^2 + b^3")]
    [InlineData("(x-y)(x^2+xy+y^2)", "x^3-y^3")]
    public void Expanded_and_factored_products_are_equal_by_canonical_form(string factored, string expanded)
    {
        var v = Grader.Equivalent(factored, expanded);
        Assert.True(v.Equivalent, v.Reason);
        Assert.StartsWith(ByCanonicalForm, v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Reordered_sums_and_products_print_one_canonical_form()
    {
        Assert.Equal(Form("c + b x + a x^2").ToString(), Form("x^2 a + c + x b").ToString());
    }

    [Fact]
    public void Canonical_form_lists_terms_by_degree_then_name()
    {
        Assert.Equal("x^2 + 2*x*y + y^2 - 1/2*x + 3", Form("3 - \\frac{x}{2} + (y + x)^2").ToString());
    }

    [Fact]
    public void Rational_functions_equal_after_cancellation_are_equivalent()
    {
        // Policy: equal where both are defined, as sympy's simplify (and so Math-Verify) has it.
        var v = Grader.Equivalent("\\frac{x^2-1}{x-1}", "x+1");
        Assert.True(v.Equivalent, v.Reason);
        Assert.StartsWith(ByCanonicalForm, v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Sums_of_fractions_compare_by_cross_multiplication()
    {
        var v = Grader.Equivalent("\\frac{1}{x} + \\frac{1}{y}", "\\frac{x+y}{xy}");
        Assert.True(v.Equivalent, v.Reason);
        Assert.StartsWith(ByCanonicalForm, v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Polynomials_that_agree_at_the_evaluation_points_are_still_different()
    {
        // Zero at every rational point evaluation tries (2/3, 5/4, 8/5, 11/6, 2): evaluation alone calls these equal.
        var v = Grader.Equivalent("x", "x + (x-\\frac{2}{3})(x-\\frac{5}{4})(x-\\frac{8}{5})(x-\\frac{11}{6})(x-2)");
        Assert.False(v.Equivalent, v.Reason);
        Assert.StartsWith(ByCanonicalForm, v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Polynomials_that_differ_by_a_product_vanishing_at_ten_integers_are_different()
    {
        var product = string.Concat(Enumerable.Range(0, 10).Select(k => $"(x-{k})"));
        var v = Grader.Equivalent("x^2+1", $"x^2+1+{product}");
        Assert.False(v.Equivalent, v.Reason);
        Assert.StartsWith(ByCanonicalForm, v.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\\sin x + \\sin x", "2\\sin x")]
    [InlineData("\\sqrt{x} + 1", "x^{1/2} + 1")]
    [InlineData("e^{x}e^{x}", "(e^x)^2")]
    [InlineData("\\log(x+1) \\cdot (y - y + 3)", "3\\log(1+x)")]
    public void Non_polynomial_parts_are_atoms_that_combine_like_variables(string a, string b)
    {
        var v = Grader.Equivalent(a, b);
        Assert.True(v.Equivalent, v.Reason);
        Assert.StartsWith(ByCanonicalForm, v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pi_is_an_indeterminate_so_different_forms_in_pi_are_different()
    {
        var v = Grader.Equivalent("\\pi r^2", "2\\pi r");
        Assert.False(v.Equivalent, v.Reason);
        Assert.StartsWith(ByCanonicalForm, v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Identities_hidden_by_atoms_are_left_to_evaluation()
    {
        var v = Grader.Equivalent("\\sin^2 x + \\cos^2 x + y", "1 + y");
        Assert.True(v.Equivalent, v.Reason);
        Assert.StartsWith(ByEvaluation, v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Different_atoms_are_different_after_evaluation()
    {
        var v = Grader.Equivalent("\\sin x", "\\cos x");
        Assert.False(v.Equivalent, v.Reason);
        Assert.StartsWith(ByEvaluation, v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Powers_over_the_expansion_bound_fall_back_to_evaluation()
    {
        var v = Grader.Equivalent("(x+1)^{1000}", "(1+x)^{1000}");
        Assert.True(v.Equivalent, v.Reason);
        Assert.StartsWith(ByEvaluation, v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decimal_coefficients_leave_a_difference_to_the_tolerance_of_evaluation()
    {
        var v = Grader.Equivalent("\\frac{x}{3}", "0.3333333x");
        Assert.True(v.Equivalent, v.Reason);
        Assert.StartsWith(ByEvaluation, v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Expansion_past_the_term_bound_gives_no_canonical_form()
    {
        var budget = WorkBudget.For(GradingOptions.Default);
        var expr = ExpressionParser.TryParse(AnswerCleaner.Clean("(a+b+c+d+e_1+f)^{12}"), out _, budget)!;
        Assert.Throws<CanonicalFormLimitException>(() => CanonicalForm.Of(expr, budget));
    }

    [Theory]
    [InlineData("2x+4y-3=0", "y=-\\frac{1}{2}x+\\frac{3}{4}")]
    [InlineData("x^2/4 + y^2/3 = 1", "x^2/16 + y^2/12 = 1/4")]
    [InlineData("\\frac{x+1}{2} = y", "x = 2y - 1")]
    public void Equations_that_are_multiples_of_each_other_are_equal_by_canonical_form(string a, string b)
    {
        var v = Grader.Equivalent(a, b);
        Assert.True(v.Equivalent, v.Reason);
        Assert.StartsWith("equation (canonical form)", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Equations_that_are_not_multiples_are_different_by_canonical_form()
    {
        var v = Grader.Equivalent("x + y - z + 2 = 0", "5x - 7y + 11z + 4 = 0");
        Assert.False(v.Equivalent, v.Reason);
    }

    [Fact]
    public void An_inequality_times_a_negative_number_is_not_the_same_inequality()
    {
        var v = Grader.Equivalent("x - 1 > 0", "2 - 2x > 0");
        Assert.False(v.Equivalent, v.Reason);
        Assert.StartsWith("inequality (canonical form)", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_inequality_times_a_positive_number_is_the_same_inequality()
    {
        var v = Grader.Equivalent("x > 1", "3x - 3 > 0");
        Assert.True(v.Equivalent, v.Reason);
        Assert.StartsWith("inequality (canonical form)", v.Reason, StringComparison.Ordinal);
    }
}
