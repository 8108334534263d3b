namespace ReasonFlux.Grading;

/// <summary>Questions asked of an expression tree: its variables, whether it holds decimals, number literals, ∞.</summary>
internal static class ExpressionFacts
{
    public static IEnumerable<Expr> Children(Expr e) => e switch
    {
        Sum s => s.Terms,
        Product p => p.Factors,
        Quotient q => [q.Numerator, q.Denominator],
        Neg n => [n.Operand],
        Power p => [p.Base, p.Exponent],
        Root r => [r.Radicand, r.Index],
        Call c => c.Args,
        Factorial f => [f.Operand],
        Percent p => [p.Operand],
        PlusMinus pm => [pm.Left, pm.Right],
        Relation r => r.Sides,
        Bracket b => b.Items,
        SetOf s => s.Items,
        Union u => u.Parts,
        Matrix m => m.Rows.SelectMany(r => r),
        Ratio r => r.Parts,
        AnswerList l => l.Items,
        _ => [],
    };

    private static IEnumerable<Expr> Descendants(Expr e)
    {
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            yield return x;
            foreach (var c in Children(x)) stack.Push(c);
        }
    }

    public static SortedSet<string> Variables(Expr e)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var x in Descendants(e)) if (x is Sym s) names.Add(s.Name);
        return names;
    }

    public static bool HasDecimal(Expr e) => Descendants(e).Any(x => x is Num { FromDecimal: true });

    public static bool HasNumber(Expr e) => Descendants(e).Any(x => x is Num);

    public static bool HasInfinity(Expr e) => Descendants(e).Any(x => x is Const { Name: "inf" });

    public static bool Has<T>(Expr e) where T : Expr => Descendants(e).Any(x => x is T);

    /// <summary>A side such as <c>x</c>, <c>f(x)</c>, <c>|AB|</c>, <c>a_3</c>: names only, no numbers — the
    /// left side of an equation that merely names the answer.</summary>
    public static bool IsNameOnly(Expr e) =>
        e is not Bracket { Items.Count: 0 } && Descendants(e).All(x => x is Sym or Product or Quotient or Call or Ratio or Bracket or Neg)
        && Descendants(e).Any(x => x is Sym);

    /// <summary>Both readings of every ± (at most 16 results).</summary>
    public static List<Expr> ExpandPlusMinus(Expr e)
    {
        if (!Has<PlusMinus>(e)) return [e];
        var results = new List<Expr>();
        foreach (var sign in (ReadOnlySpan<bool>)[true, false])
        {
            var replaced = ReplaceFirst(e, sign, out _);
            foreach (var r in ExpandPlusMinus(replaced))
            {
                if (results.Count >= 16) return results;
                results.Add(r);
            }
        }
        return results;
    }

    private static Expr ReplaceFirst(Expr e, bool plus, out bool done)
    {
        done = false;
        if (e is PlusMinus pm)
        {
            done = true;
            return new Sum([pm.Left, plus ? pm.Right : new Neg(pm.Right)]);
        }
        var found = false;
        Expr Map(Expr child)
        {
            if (found) return child;
            var r = ReplaceFirst(child, plus, out var d);
            found |= d;
            return r;
        }
        Expr result = e switch
        {
            Sum s => new Sum(s.Terms.Select(Map).ToList()),
            Product p => new Product(p.Factors.Select(Map).ToList()),
            Quotient q => new Quotient(Map(q.Numerator), Map(q.Denominator)),
            Neg n => new Neg(Map(n.Operand)),
            Power p => new Power(Map(p.Base), Map(p.Exponent)),
            Root r => new Root(Map(r.Radicand), Map(r.Index)),
            Call c => new Call(c.Name, c.Args.Select(Map).ToList()),
            Percent p => new Percent(Map(p.Operand)),
            Relation r => new Relation(r.Sides.Select(Map).ToList(), r.Ops),
            Bracket b => new Bracket(b.Open, b.Close, b.Items.Select(Map).ToList()),
            _ => e,
        };
        done = found;
        return result;
    }
}
