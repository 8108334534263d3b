using System.Numerics;

namespace ReasonFlux.Grading;

/// <summary>Complex floating-point evaluation of any scalar expression; NaN where it has no value.</summary>
internal static class NumericEvaluator
{
    private static readonly Complex NaN = new(double.NaN, double.NaN);

    public static Complex Evaluate(Expr expr, WorkBudget budget, IReadOnlyDictionary<string, Complex>? point = null)
    {
        budget.Step();
        switch (expr)
        {
            case Num n: return n.Value.ToDouble();
            case Sym s: return point is not null && point.TryGetValue(s.Name, out var v) ? v : NaN;
            case Const c:
                return c.Name switch
                {
                    "pi" => Math.PI,
                    "e" => Math.E,
                    "i" => Complex.ImaginaryOne,
                    "inf" => double.PositiveInfinity,
                    _ => NaN,
                };
            case Neg n: return -Evaluate(n.Operand, budget, point);
            case Percent p: return Evaluate(p.Operand, budget, point) / 100;
            case Sum s:
            {
                var total = Complex.Zero;
                foreach (var term in s.Terms) total += Evaluate(term, budget, point);
                return total;
            }
            case Product p:
            {
                var total = Complex.One;
                foreach (var factor in p.Factors) total *= Evaluate(factor, budget, point);
                return total;
            }
            case Quotient q:
            {
                var d = Evaluate(q.Denominator, budget, point);
                return d == Complex.Zero ? NaN : Evaluate(q.Numerator, budget, point) / d;
            }
            case Power p:
            {
                var b = Evaluate(p.Base, budget, point);
                var e = Evaluate(p.Exponent, budget, point);
                if (e.Imaginary == 0 && b.Imaginary == 0 && b.Real < 0 && Math.Abs(e.Real - Math.Round(e.Real)) < 1e-12)
                    return Math.Pow(b.Real, Math.Round(e.Real));
                if (b.Imaginary == 0 && e.Imaginary == 0 && b.Real >= 0) return Math.Pow(b.Real, e.Real);
                return Complex.Pow(b, e);
            }
            case Root r:
            {
                var x = Evaluate(r.Radicand, budget, point);
                var n = Evaluate(r.Index, budget, point);
                // Odd roots of negative reals stay real: \sqrt[3]{-8} = -2.
                if (x.Imaginary == 0 && n.Imaginary == 0 && x.Real < 0 && Math.Abs(n.Real % 2) == 1)
                    return -Math.Pow(-x.Real, 1 / n.Real);
                if (x.Imaginary == 0 && x.Real >= 0 && n.Imaginary == 0) return Math.Pow(x.Real, 1 / n.Real);
                return Complex.Pow(x, 1 / n);
            }
            case Factorial f:
            {
                var n = Evaluate(f.Operand, budget, point);
                if (n.Imaginary != 0 || n.Real < 0 || n.Real != Math.Floor(n.Real)) return NaN;
                if (n.Real > 170) throw new BudgetExceededException("factorial too large for floating point");
                var result = 1.0;
                for (var k = 2; k <= (int)n.Real; k++) result *= k;
                return result;
            }
            case Call c: return Call(c, budget, point);
            default: return NaN;
        }
    }

    private static Complex Call(Call call, WorkBudget budget, IReadOnlyDictionary<string, Complex>? point)
    {
        var args = call.Args.Select(a => Evaluate(a, budget, point)).ToArray();
        if (args.Length == 0) return NaN;
        var x = args[0];
        return call.Name switch
        {
            "sin" => Complex.Sin(x),
            "cos" => Complex.Cos(x),
            "tan" => Complex.Tan(x),
            "cot" => 1 / Complex.Tan(x),
            "sec" => 1 / Complex.Cos(x),
            "csc" => 1 / Complex.Sin(x),
            "arcsin" => Complex.Asin(x),
            "arccos" => Complex.Acos(x),
            "arctan" => Complex.Atan(x),
            "sinh" => Complex.Sinh(x),
            "cosh" => Complex.Cosh(x),
            "tanh" => Complex.Tanh(x),
            "ln" => Complex.Log(x),
            "log" => args.Length > 1 ? Complex.Log(x) / Complex.Log(args[1]) : Complex.Log(x),
            "exp" => Complex.Exp(x),
            "abs" => Complex.Abs(x),
            "floor" when x.Imaginary == 0 => Math.Floor(x.Real),
            "ceil" when x.Imaginary == 0 => Math.Ceiling(x.Real),
            "max" when args.All(a => a.Imaginary == 0) => args.Max(a => a.Real),
            "min" when args.All(a => a.Imaginary == 0) => args.Min(a => a.Real),
            _ => NaN,
        };
    }
}
