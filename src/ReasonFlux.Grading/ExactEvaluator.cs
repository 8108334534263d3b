using System.Numerics;

namespace ReasonFlux.Grading;

/// <summary>
/// Exact rational evaluation: numbers, + - * /, integer powers, exact roots, factorials, percents, and variables
/// bound to rational points. Returns null for anything that is not exactly rational (π, √2, sin x…).
/// </summary>
internal static class ExactEvaluator
{
    public static Rational? Evaluate(Expr expr, WorkBudget budget, IReadOnlyDictionary<string, Rational>? point = null)
    {
        try
        {
            return Eval(expr, budget, point);
        }
        catch (DivideByZeroException)
        {
            return null;
        }
    }

    private static Rational? Eval(Expr expr, WorkBudget budget, IReadOnlyDictionary<string, Rational>? point)
    {
        budget.Step();
        switch (expr)
        {
            case Num n: return n.Value;
            case Sym s: return point is not null && point.TryGetValue(s.Name, out var v) ? v : null;
            case Neg n: return Eval(n.Operand, budget, point) is { } negated ? -negated : null;
            case Percent p: return Eval(p.Operand, budget, point) is { } hundredths ? hundredths / new Rational(100, 1) : null;
            case Sum s:
            {
                var total = Rational.Zero;
                foreach (var term in s.Terms)
                {
                    if (Eval(term, budget, point) is not { } t) return null;
                    total = Charged(total + t, budget);
                }
                return total;
            }
            case Product p:
            {
                var total = Rational.One;
                foreach (var factor in p.Factors)
                {
                    if (Eval(factor, budget, point) is not { } f) return null;
                    total = Charged(total * f, budget);
                }
                return total;
            }
            case Quotient q:
                return Eval(q.Numerator, budget, point) is { } a && Eval(q.Denominator, budget, point) is { } b && !b.IsZero ? Charged(a / b, budget) : null;
            case Power p:
            {
                if (Eval(p.Exponent, budget, point) is not { } e || Eval(p.Base, budget, point) is not { } powerBase) return null;
                if (e.IsInteger) return powerBase.Pow(e.Numerator) is { } power ? Charged(power, budget) : null;
                // Rational exponents are exact only when the root is: 8^{2/3} = 4.
                if (e.Denominator > 64) return null;
                return powerBase.Root((int)e.Denominator) is { } r ? r.Pow(e.Numerator) : null;
            }
            case Root r:
            {
                if (Eval(r.Index, budget, point) is not { IsInteger: true } n || n.Numerator > 64 || n.Sign <= 0) return null;
                return Eval(r.Radicand, budget, point) is { } radicand ? radicand.Root((int)n.Numerator) : null;
            }
            case Factorial f:
            {
                if (Eval(f.Operand, budget, point) is not { IsInteger: true } n || n.Sign < 0) return null;
                if (n.Numerator > 2000) throw new BudgetExceededException("factorial of a number above 2000");
                var result = BigInteger.One;
                for (var k = 2; k <= (int)n.Numerator; k++) { result *= k; budget.ChargeNumber(result); }
                return Rational.FromInteger(result);
            }
            case Call { Name: "abs", Args: [var arg] }:
                return Eval(arg, budget, point) is { } a2 ? (a2.Sign < 0 ? -a2 : a2) : null;
            case Call { Name: "binom", Args: [var top, var bottom] }:
            {
                if (Eval(top, budget, point) is not { IsInteger: true } n || Eval(bottom, budget, point) is not { IsInteger: true } k) return null;
                if (k.Sign < 0 || n.Sign < 0 || k.CompareTo(n) > 0) return Rational.Zero;
                if (k.Numerator > 2000) throw new BudgetExceededException("binomial coefficient too large");
                var result = BigInteger.One;
                for (var j = 0; j < (int)k.Numerator; j++) { result = result * (n.Numerator - j) / (j + 1); budget.ChargeNumber(result); }
                return Rational.FromInteger(result);
            }
            default:
                return null;
        }
    }

    /// <summary>Charges a result by its size: big-number arithmetic costs by its digits, not per node.</summary>
    private static Rational Charged(Rational value, WorkBudget budget)
    {
        if (value.Numerator.IsZero || (value.IsInteger && value.Numerator.GetByteCount() <= 8)) return value;
        budget.ChargeNumber(value.Numerator);
        budget.ChargeNumber(value.Denominator);
        return value;
    }
}
