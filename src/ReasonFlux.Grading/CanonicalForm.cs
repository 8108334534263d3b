namespace ReasonFlux.Grading;

/// <summary>
/// Symbolic identity by canonical form: both expressions are expanded into <see cref="RationalFunction"/>s over
/// exact rationals and compared as p1·q2 = p2·q1. Variables, π and e are indeterminates (π and e are
/// transcendental, so an identity in them is an identity of numbers too); every other non-polynomial part —
/// √x, x^{1/3}, sin, log, exp, |x|, i, n! of a variable — becomes an opaque atom named by the canonical form of its
/// arguments, so <c>\sin x + \sin x</c> and <c>2\sin x</c> expand alike.
/// </summary>
/// <remarks>
/// Equal canonical forms prove the identity. Different canonical forms prove a difference only when no opaque atom
/// took part (atoms hide relations such as sin²+cos² = 1 or √8 = 2√2); otherwise the answer is "unknown" and the
/// caller evaluates at points. Quotients are compared after cross-multiplying, so (x²−1)/(x−1) equals x+1, as
/// sympy's simplify (and so Math-Verify) has it. Expansion is bounded by <see cref="ExpansionMeter"/>; over the
/// bound the answer is "unknown" as well.
/// </remarks>
internal static class CanonicalForm
{
    private const string Pi = "π";
    private const string E = "ℯ";
    private const string I = "ⅈ";

    /// <summary>True: the same function; false: provably different; null: the canonical forms cannot decide.</summary>
    public static bool? Compare(Expr a, Expr b, WorkBudget budget) =>
        Decide(a, b, budget, (fa, fb, meter) => fa.SameAs(fb, meter));

    /// <summary>Whether a = k·b for one rational constant k ≠ 0 (k &gt; 0 when <paramref name="positive"/>): the two
    /// sides of equations (or inequalities) moved to one side. True: proportional; false: provably not; null: the
    /// canonical forms cannot decide (an opaque atom, a side that is zero, over the bound).</summary>
    public static bool? Proportional(Expr a, Expr b, bool positive, WorkBudget budget) =>
        Decide(a, b, budget, (fa, fb, meter) =>
        {
            // 0 = 0 and the like are left to evaluation, which knows what to make of them.
            if (fa.Numerator.IsZero || fb.Numerator.IsZero) return null;
            Polynomial p, q;
            if (fa.Denominator.ConstantValue is { } da && fb.Denominator.ConstantValue is { } db)
            {
                p = fa.Numerator.Scale(Rational.One / da);
                q = fb.Numerator.Scale(Rational.One / db);
            }
            else
            {
                // The sign of a non-constant denominator changes from point to point: no constant sign to keep.
                if (positive) return null;
                p = fa.Numerator.Multiply(fb.Denominator, meter);
                q = fb.Numerator.Multiply(fa.Denominator, meter);
            }
            var k = p.LeadingCoefficient / q.LeadingCoefficient;
            return p.Equals(q.Scale(k)) && (!positive || k.Sign > 0);
        });

    /// <summary>
    /// Expands both sides and applies <paramref name="test"/>. A "false" stands only when no opaque atom took part;
    /// over a bound, or where the arithmetic cannot go on, the answer is null (unknown) and evaluation decides.
    /// </summary>
    private static bool? Decide(Expr a, Expr b, WorkBudget budget, Func<RationalFunction, RationalFunction, ExpansionMeter, bool?> test)
    {
        var expansion = new Expansion(new ExpansionMeter(budget), budget);
        try
        {
            if (expansion.Expand(a) is not { } fa || expansion.Expand(b) is not { } fb) return null;
            var verdict = test(fa, fb, expansion.Meter);
            return verdict == false && expansion.Opaque ? null : verdict;
        }
        catch (CanonicalFormLimitException)
        {
            return null;
        }
        catch (BudgetExceededException ex) when (!ex.StopsGrading)
        {
            return null; // a coefficient past the number-size bound: evaluation says what it can
        }
        catch (DivideByZeroException)
        {
            return null;
        }
    }

    /// <summary>The canonical form of one expression, or null when it has none (relations, intervals, ∞…).</summary>
    public static RationalFunction? Of(Expr e, WorkBudget budget) => new Expansion(new ExpansionMeter(budget), budget).Expand(e);

    private sealed class Expansion(ExpansionMeter meter, WorkBudget budget)
    {
        public ExpansionMeter Meter => meter;

        /// <summary>Whether an opaque atom was made: then different forms do not prove different values.</summary>
        public bool Opaque { get; private set; }

        public RationalFunction? Expand(Expr e)
        {
            budget.Step();
            switch (e)
            {
                case Num n: return RationalFunction.Constant(n.Value);
                case Sym s: return Variable(s.Name);
                case Const { Name: "pi" }: return Variable(Pi);
                case Const { Name: "e" }: return Variable(E);
                case Const { Name: "i" }: return Atom(I);
                case Neg n: return Expand(n.Operand)?.Negate();
                case Percent p: return Expand(p.Operand)?.Multiply(RationalFunction.Constant(new Rational(1, 100)), meter);
                case Sum s:
                {
                    var total = RationalFunction.Constant(Rational.Zero);
                    foreach (var term in s.Terms)
                    {
                        if (Expand(term) is not { } t) return null;
                        total = total.Add(t, meter);
                    }
                    return total;
                }
                case Product p:
                {
                    var total = RationalFunction.Constant(Rational.One);
                    foreach (var factor in p.Factors)
                    {
                        if (Expand(factor) is not { } f) return null;
                        total = total.Multiply(f, meter);
                    }
                    return total;
                }
                case Quotient q:
                    return Expand(q.Numerator) is { } top && Expand(q.Denominator) is { } bottom ? top.Divide(bottom, meter) : null;
                case Power p: return ExpandPower(p.Base, p.Exponent);
                case Root r: return ExpandRoot(r);
                case Call { Name: "exp", Args: [var x] }: return Expand(x) is { } arg ? PowerAtom(Variable(E), arg) : null;
                case Call c: return ExpandCall(c);
                case Factorial f:
                    return ExpressionFacts.Variables(f.Operand).Count == 0
                        ? Exact(f)
                        : Expand(f.Operand) is { } operand ? Atom($"factorial({operand})") : null;
                default: return null;
            }
        }

        private RationalFunction? ExpandPower(Expr baseExpr, Expr exponentExpr)
        {
            if (Expand(baseExpr) is not { } b || Expand(exponentExpr) is not { } e) return null;
            if (e.ConstantValue is { IsInteger: true } k)
            {
                if (b.ConstantValue is { } c)
                    return RationalFunction.Constant(c.Pow(k.Numerator) ?? throw new CanonicalFormLimitException("a power too large to expand"));
                if (BigIntegerAbs(k) > ExpansionMeter.MaxDegree) throw new CanonicalFormLimitException($"a power above {ExpansionMeter.MaxDegree}");
                return b.Pow((int)k.Numerator, meter);
            }
            // 8^{2/3} = 4 exactly; other constant powers (2^{1/2}) stay atoms.
            if (b.ConstantValue is not null && e.ConstantValue is not null && Exact(new Power(baseExpr, exponentExpr)) is { } exact) return exact;
            return PowerAtom(b, e);
        }

        private RationalFunction? ExpandRoot(Root r)
        {
            if (ExactEvaluator.Evaluate(r.Index, budget) is not { IsInteger: true } n || n.Sign <= 0 || n.Numerator > 64) return null;
            if (Expand(r.Radicand) is not { } radicand) return null;
            if (radicand.ConstantValue is { } c && c.Root((int)n.Numerator) is { } root) return RationalFunction.Constant(root);
            // √x and x^{1/2} are one atom.
            return PowerAtom(radicand, RationalFunction.Constant(new Rational(1, n.Numerator)));
        }

        private RationalFunction? ExpandCall(Call c)
        {
            if (c.Args.Count == 0) return null;
            if (ExpressionFacts.Variables(c).Count == 0 && ExactEvaluator.Evaluate(c, budget) is { } value) return RationalFunction.Constant(value);
            var keys = new string[c.Args.Count];
            for (var k = 0; k < keys.Length; k++)
            {
                if (Expand(c.Args[k]) is not { } arg) return null;
                keys[k] = arg.ToString();
            }
            return Atom($"{c.Name}({string.Join(", ", keys)})");
        }

        private RationalFunction? Exact(Expr e) => ExactEvaluator.Evaluate(e, budget) is { } v ? RationalFunction.Constant(v) : null;

        private RationalFunction PowerAtom(RationalFunction b, RationalFunction e) => Atom($"pow({b}, {e})");

        private static RationalFunction Variable(string name) => RationalFunction.Of(Polynomial.Indeterminate(name));

        private RationalFunction Atom(string key)
        {
            Opaque = true;
            return Variable(key);
        }

        private static System.Numerics.BigInteger BigIntegerAbs(Rational r) => System.Numerics.BigInteger.Abs(r.Numerator);
    }
}
