using FsCheck;
using FsCheck.Fluent;

namespace ReasonFlux.Grading.Tests;

/// <summary>FsCheck properties: reflexive, symmetric, and equal under re-formatting.</summary>
public sealed class EquivalenceProperties
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static Arbitrary<(int A, int B)> Fractions() =>
        Gen.Choose(-500, 500).Zip(Gen.Choose(1, 200)).ToArbitrary();

    [Fact]
    public void Every_generated_answer_equals_itself()
    {
        Check.One(Quick, Prop.ForAll(Expressions().ToArbitrary(), e => Grader.Equivalent(e, e).Equivalent));
    }

    [Fact]
    public void Verdicts_are_symmetric_for_bare_answers()
    {
        var pairs = Expressions().Zip(Expressions()).ToArbitrary();
        Check.One(Quick, Prop.ForAll(pairs, p => Grader.Equivalent(p.Item1, p.Item2).Equivalent == Grader.Equivalent(p.Item2, p.Item1).Equivalent));
    }

    [Fact]
    public void Frac_slash_and_decimal_forms_are_equivalent()
    {
        Check.One(Quick, Prop.ForAll(Fractions(), f =>
        {
            var frac = f.A < 0 ? $"-\\frac{{{-f.A}}}{{{f.B}}}" : $"\\frac{{{f.A}}}{{{f.B}}}";
            var slash = $"{f.A}/{f.B}";
            var dec = ((decimal)f.A / f.B).ToString("0.############", System.Globalization.CultureInfo.InvariantCulture);
            return Grader.Equivalent(frac, slash).Equivalent && Grader.Equivalent(frac, dec).Equivalent;
        }));
    }

    [Fact]
    public void Reordered_sums_and_products_are_equivalent()
    {
        var terms = Gen.Elements("x", "2y", "3", "x^2", "\\sqrt{2}", "\\frac{z}{3}", "5xy", "\\pi").ListOf().Where(l => l.Count is >= 2 and <= 6);
        Check.One(Quick, Prop.ForAll(terms.ToArbitrary(), list =>
        {
            var sum = string.Join(" + ", list);
            var reversedSum = string.Join("+", Enumerable.Reverse(list));
            var product = string.Join(" \\cdot ", list.Select(t => $"({t})"));
            var reversedProduct = string.Join("", Enumerable.Reverse(list).Select(t => $"({t})"));
            return Grader.Equivalent(sum, reversedSum).Equivalent && Grader.Equivalent(product, reversedProduct).Equivalent;
        }));
    }

    [Fact]
    public void Expanded_products_equal_their_factored_form()
    {
        var coefficients = Gen.Choose(-9, 9).Zip(Gen.Choose(-9, 9)).Zip(Gen.Choose(-9, 9).Zip(Gen.Choose(-9, 9))).Select(t => (t.Item1.Item1, t.Item1.Item2, t.Item2.Item1, t.Item2.Item2));
        Check.One(Quick, Prop.ForAll(coefficients.ToArbitrary(), c =>
        {
            var (a, b, d, e) = c;
            // (a x + b)(d x + e) = ad x^2 + (ae + bd) x + be
            var factored = $"({a}x + ({b}))({d}x + ({e}))";
            var expanded = $"{a * d}x^2 + ({a * e + b * d})x + ({b * e})";
            return Grader.Equivalent(factored, expanded).Equivalent;
        }));
    }

    [Fact]
    public void Adding_one_makes_a_number_different()
    {
        Check.One(Quick, Prop.ForAll(Fractions(), f =>
            !Grader.Equivalent($"\\frac{{{f.A}}}{{{f.B}}}", $"\\frac{{{f.A + f.B}}}{{{f.B}}}").Equivalent));
    }

    private static Gen<string> Expressions()
    {
        var atoms = Gen.Elements("x", "y", "2", "\\pi", "\\frac{1}{3}", "0.25", "\\sqrt{8}", "e", "7", "a_1");
        return atoms.Zip(atoms).Zip(Gen.Elements("+", "-", "\\cdot", "/", "^"))
            .Select(t => $"{t.Item1.Item1} {t.Item2} {{{t.Item1.Item2}}}")
            .Zip(Gen.Elements("", "\\{", "(", "\\boxed{")).Select(t => t.Item2 switch
            {
                "\\{" => $"\\{{{t.Item1}, 1\\}}",
                "(" => $"({t.Item1}, 2)",
                "\\boxed{" => $"\\boxed{{{t.Item1}}}",
                _ => t.Item1,
            });
    }
}
