using System.Numerics;

namespace ReasonFlux.Grading;

/// <summary>
/// Decides whether two normalised answers are equal: sets and answer lists order-free, tuples and matrices
/// element by element, intervals by endpoints and openness, equations up to a constant factor, scalars exactly
/// (rationals), numerically (decimals: 10^-precision; irrationals: relative 1e-9) or symbolically (canonical
/// polynomial/rational form first, then evaluation at fixed points: exact rational points, then complex points).
/// </summary>
internal sealed partial class ExpressionComparer(WorkBudget budget, int decimalPlaces)
{
    public string LastMethod { get; private set; } = "structure";

    private double DecimalTolerance => Math.Pow(10, -decimalPlaces) * (1 + 1e-9);

    public bool Equal(Expr gold, Expr pred)
    {
        budget.Step();
        gold = AnswerNormalizer.Normalize(gold);
        pred = AnswerNormalizer.Normalize(pred);
        if (EqualNormalized(gold, pred)) return true;
        var method = LastMethod;
        // "y = x/2 + c_1e^{-2x}" against a gold value: the constants are those of the right side.
        var target = gold is not Relation && pred is Relation { Ops: ["="] } named && ExpressionFacts.IsNameOnly(named.Sides[0]) ? named.Sides[1] : pred;
        foreach (var renamed in ArbitraryConstants.Renamings(gold, target))
        {
            if (EqualNormalized(gold, renamed)) { LastMethod += " (constants renamed)"; return true; }
        }
        LastMethod = method;
        return false;
    }

    private bool EqualNormalized(Expr g, Expr p)
    {
        budget.Step();
        g = IntervalsOfInequalities(g);
        p = IntervalsOfInequalities(p);
        // A list of answers against a tuple of the same values in the same order: "1, 5" (or "{1,5}") and "(1, 5)".
        if (g is AnswerList gl && p is Bracket { Open: '(', Close: ')' } pt) return InOrder(gl.Items, pt.Items);
        if (p is AnswerList pl && g is Bracket { Open: '(', Close: ')' } gt) return InOrder(gt.Items, pl.Items);
        if (g is AnswerList or SetOf || p is AnswerList or SetOf) return Unordered(Items(g), Items(p), "set");
        if (g is Relation gr) return p is Relation pr ? RelationsEqual(gr, pr) : GoldRelationVersusValue(gr, p);
        if (p is Relation prel) return PredRelationVersusValue(g, prel);
        if (IsMatrixValued(g) || IsMatrixValued(p)) return MatricesEqual(g, p);
        switch (g, p)
        {
            case (Bracket a, Bracket b):
                LastMethod = "tuple";
                return a.Items.Count == b.Items.Count && (a.Items.Count != 2 || (a.Open == b.Open && a.Close == b.Close))
                    && a.Items.Zip(b.Items).All(x => EqualNormalized(x.First, x.Second));
            case (Bracket, _) or (_, Bracket):
                return false;
            case (Union a, Union b):
                return Unordered(a.Parts, b.Parts, "union");
            case (Union, _) or (_, Union):
                return false;
            case (Ratio a, Ratio b):
                LastMethod = "ratio";
                return a.Parts.Count == b.Parts.Count && a.Parts.Zip(b.Parts).All(x => EqualNormalized(x.First, x.Second));
            case (Ratio, _) or (_, Ratio):
                return false;
            case (Text a, Text b):
                LastMethod = "text";
                return TextKey(a.Value) == TextKey(b.Value);
            case (Text a, Sym b):
                LastMethod = "text";
                return TextKey(a.Value) == TextKey(b.Name);
            case (Sym a, Text b):
                LastMethod = "text";
                return TextKey(a.Name) == TextKey(b.Value);
            case (Text, _) or (_, Text):
                return false;
            case (Ellipsis, Ellipsis):
                return true;
            case (Ellipsis, _) or (_, Ellipsis):
                return false;
        }
        return ScalarsEqual(g, p);
    }

    private bool InOrder(IReadOnlyList<Expr> a, IReadOnlyList<Expr> b)
    {
        LastMethod = "list";
        return a.Count == b.Count && a.Zip(b).All(x => EqualNormalized(x.First, x.Second));
    }

    private static IReadOnlyList<Expr> Items(Expr e) => e switch
    {
        AnswerList l => l.Items,
        SetOf s => s.Items,
        _ => [e],
    };

    private bool Unordered(IReadOnlyList<Expr> a, IReadOnlyList<Expr> b, string method)
    {
        if (a.Count == 0 || b.Count == 0) return a.Count == b.Count;
        var matchedB = new bool[b.Count];
        foreach (var x in a)
        {
            var any = false;
            for (var j = 0; j < b.Count; j++)
            {
                if (EqualNormalized(x, b[j])) { matchedB[j] = true; any = true; }
            }
            if (!any) return false;
        }
        LastMethod = method;
        return matchedB.All(m => m);
    }

    private static string TextKey(string s) =>
        new string(s.Where(c => !char.IsWhiteSpace(c) && c is not ('{' or '}' or '\\' or '(' or ')' or '.')).ToArray()).ToLowerInvariant();

    // ---- matrices ---------------------------------------------------------------------------------------

    private static bool IsMatrixValued(Expr e) => e switch
    {
        Matrix => true,
        Sum s => s.Terms.Any(IsMatrixValued),
        Product p => p.Factors.Any(IsMatrixValued),
        Neg n => IsMatrixValued(n.Operand),
        _ => false,
    };

    private bool MatricesEqual(Expr g, Expr p)
    {
        LastMethod = "matrix";
        if (MatrixValue(g) is not { } a || MatrixValue(p) is not { } b) return false;
        if (a.Count != b.Count) return false;
        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Count != b[i].Count) return false;
            for (var j = 0; j < a[i].Count; j++) if (!EqualNormalized(a[i][j], b[i][j])) return false;
        }
        LastMethod = "matrix";
        return true;
    }

    /// <summary>Matrix sums and products worked out entry by entry, so <c>A + B</c> compares with its result.</summary>
    private static List<List<Expr>>? MatrixValue(Expr e)
    {
        switch (e)
        {
            case Matrix m:
                return m.Rows.Select(r => r.ToList()).ToList();
            case Neg n:
                return MatrixValue(n.Operand)?.Select(r => r.Select(x => (Expr)new Neg(x)).ToList()).ToList();
            case Sum s:
            {
                var parts = s.Terms.Select(MatrixValue).ToList();
                if (parts.Any(x => x is null)) return null;
                var first = parts[0]!;
                if (parts.Any(x => x!.Count != first.Count || x.Zip(first).Any(r => r.First.Count != r.Second.Count))) return null;
                return first.Select((row, i) => row.Select((_, j) => (Expr)new Sum(parts.Select(x => x![i][j]).ToList())).ToList()).ToList();
            }
            case Product p:
            {
                List<List<Expr>>? acc = null;
                var scalars = new List<Expr>();
                foreach (var f in p.Factors)
                {
                    if (!IsMatrixValued(f)) { scalars.Add(f); continue; }
                    var m = MatrixValue(f);
                    if (m is null) return null;
                    if (acc is null) { acc = m; continue; }
                    if (acc[0].Count != m.Count) return null;
                    acc = acc.Select(row => Enumerable.Range(0, m[0].Count)
                        .Select(j => (Expr)new Sum(row.Select((x, k) => (Expr)new Product([x, m[k][j]])).ToList())).ToList()).ToList();
                }
                if (acc is null) return null;
                return scalars.Count == 0 ? acc : acc.Select(r => r.Select(x => (Expr)new Product([.. scalars, x])).ToList()).ToList();
            }
            default:
                return null;
        }
    }

    // ---- scalars ------------------------------------------------------------------------------------------

    private bool ScalarsEqual(Expr g, Expr p)
    {
        // Percent policy (Math-Verify's): "x%" is x/100; a gold "28%" also accepts a bare 28, but a predicted
        // "28%" never matches a gold 28.
        if (g is Percent gp)
            return ScalarCore(new Quotient(gp.Operand, new Num(new Rational(100, 1))), p is Percent pp0 ? new Quotient(pp0.Operand, new Num(new Rational(100, 1))) : p)
                || (p is not Percent && ScalarCore(gp.Operand, p));
        // "By what percent…" golds are bare: a predicted "10%" answers a gold 10 written as a plain number (a gold
        // written as a fraction or expression means a ratio, and keeps "4 4/9%" from equalling 40/9).
        if (p is Percent pp && IsPlainNumber(g)) return ScalarCore(g, pp.Operand) || ScalarCore(g, new Quotient(pp.Operand, new Num(new Rational(100, 1))));
        return ScalarCore(g, p);
    }

    private static bool IsPlainNumber(Expr e) => e is Num || e is Neg { Operand: Num };

    /// <summary>Two number literals: what <see cref="Equal"/> decides for them, without normalising.</summary>
    public bool EqualLiterals(Num g, Num p) => ScalarCore(g, p);

    private bool ScalarCore(Expr g, Expr p)
    {
        if (g is Num gn && p is Num pn)
        {
            // Two literals (most items of tuples, sets and lists): the exact comparison below without the tree walks.
            budget.Step();
            LastMethod = "exact";
            if (gn.Value == pn.Value) return true;
            if (!gn.FromDecimal && !pn.FromDecimal) return false;
            LastMethod = "numeric";
            return NumericTolerance.Equal(gn.Value.ToDouble(), pn.Value.ToDouble(), decimalPlaces, NumericTolerance.ScientificDigits(gn))
                || NumericTolerance.RoundedEqual(gn, pn);
        }
        var decimals = ExpressionFacts.HasDecimal(g) || ExpressionFacts.HasDecimal(p);
        if (!ExpressionFacts.HasVariable(g) && !ExpressionFacts.HasVariable(p))
        {
            if (ExactEvaluator.Evaluate(g, budget) is { } x && ExactEvaluator.Evaluate(p, budget) is { } y)
            {
                LastMethod = "exact";
                if (x == y) return true;
                if (!decimals) return false;
                LastMethod = "numeric";
                return NumericTolerance.Equal(x.ToDouble(), y.ToDouble(), decimalPlaces, NumericTolerance.ScientificDigits(g))
                    || NumericTolerance.RoundedEqual(x.ToDouble(), NumericTolerance.WrittenDigits(g), y.ToDouble(), NumericTolerance.WrittenDigits(p));
            }
            LastMethod = "numeric";
            var a = NumericEvaluator.Evaluate(g, budget);
            var b = NumericEvaluator.Evaluate(p, budget);
            CheckOverflow(a, g);
            CheckOverflow(b, p);
            return Close(a, b, decimals);
        }
        return SymbolicEqual(g, p, ExpressionFacts.Variables(g, p), decimals);
    }

    private bool SymbolicEqual(Expr g, Expr p, SortedSet<string> names, bool decimals)
    {
        // Canonical forms first: equal forms prove the identity; different forms prove a difference unless an
        // opaque atom (√x, sin x…) or a decimal (compared with a tolerance) took part. Otherwise evaluate at points.
        var canonical = CanonicalForm.Compare(g, p, budget);
        if (canonical == true || (canonical == false && !decimals))
        {
            LastMethod = "symbolic (canonical form)";
            return canonical.Value;
        }
        LastMethod = "symbolic (evaluation)";
        var exactMatches = 0;
        var exactTried = 0;
        foreach (var point in RationalPoints(names))
        {
            var x = ExactEvaluator.Evaluate(g, budget, point);
            var y = ExactEvaluator.Evaluate(p, budget, point);
            if (x is null || y is null) break;
            exactTried++;
            if (x == y) exactMatches++;
            else if (!decimals) return false;
        }
        if (exactTried >= 4 && exactMatches == exactTried) return true;
        var valid = 0;
        foreach (var point in ComplexPoints(names))
        {
            var a = NumericEvaluator.Evaluate(g, budget, point);
            var b = NumericEvaluator.Evaluate(p, budget, point);
            if (!IsFinite(a) && !IsFinite(b)) continue;
            if (!Close(a, b, decimals)) return false;
            valid++;
        }
        return valid >= 3;
    }

    private bool Close(Complex a, Complex b, bool decimals)
    {
        if (double.IsNaN(a.Real) || double.IsNaN(b.Real) || double.IsNaN(a.Imaginary) || double.IsNaN(b.Imaginary)) return false;
        if (double.IsInfinity(a.Real) || double.IsInfinity(b.Real)) return a.Real == b.Real;
        var diff = Complex.Abs(a - b);
        var scale = Math.Max(Complex.Abs(a), Complex.Abs(b));
        // Evaluated values carry rounding noise: an exact zero agrees with a value within 1e-12 of it.
        if (decimals && a.Imaginary == 0 && b.Imaginary == 0) return NumericTolerance.Equal(a.Real, b.Real, decimalPlaces) || (a.Real == 0 || b.Real == 0) && diff <= 1e-12;
        if (decimals) return diff <= Math.Max(DecimalTolerance, 1e-12 * scale) && diff <= 1e-3 * scale;
        return diff <= 1e-9 * Math.Max(1, scale);
    }

    private static bool IsFinite(Complex c) => double.IsFinite(c.Real) && double.IsFinite(c.Imaginary);

    private static void CheckOverflow(Complex value, Expr e)
    {
        if ((double.IsInfinity(value.Real) || double.IsInfinity(value.Imaginary)) && !ExpressionFacts.HasInfinity(e))
            throw new BudgetExceededException("a value is too large to compare");
    }

    private static IEnumerable<Dictionary<string, Rational>> RationalPoints(SortedSet<string> names)
    {
        for (var k = 0; k < 5; k++)
        {
            var point = new Dictionary<string, Rational>(StringComparer.Ordinal);
            var j = 0;
            foreach (var name in names) { point[name] = new Rational(3 * k + 7 * j + 2, k + 2 * j + 3); j++; }
            yield return point;
        }
    }

    private static IEnumerable<Dictionary<string, Complex>> ComplexPoints(SortedSet<string> names)
    {
        for (var k = 0; k < 6; k++)
        {
            var point = new Dictionary<string, Complex>(StringComparer.Ordinal);
            var j = 0;
            foreach (var name in names) { point[name] = 0.4 + 0.37 * k + 0.29 * j + 0.013 * ((k * 7 + j * 3) % 5); j++; }
            yield return point;
        }
    }
}
