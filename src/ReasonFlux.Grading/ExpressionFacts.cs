namespace ReasonFlux.Grading;

/// <summary>Questions asked of an expression tree: its variables, whether it holds decimals, number literals, ∞.</summary>
internal static class ExpressionFacts
{
    /// <summary>Whether <paramref name="test"/> holds for <paramref name="e"/> or any node below it. A plain
    /// recursive walk: these questions are asked for every pair of compared items, so no iterators or stacks.</summary>
    public static bool Any(Expr e, Func<Expr, bool> test)
    {
        if (test(e)) return true;
        switch (e)
        {
            case Quotient q: return Any(q.Numerator, test) || Any(q.Denominator, test);
            case Neg n: return Any(n.Operand, test);
            case Power p: return Any(p.Base, test) || Any(p.Exponent, test);
            case Root r: return Any(r.Radicand, test) || Any(r.Index, test);
            case Factorial f: return Any(f.Operand, test);
            case Percent p: return Any(p.Operand, test);
            case PlusMinus pm: return Any(pm.Left, test) || Any(pm.Right, test);
            case Matrix m:
                foreach (var row in m.Rows) if (AnyOf(row, test)) return true;
                return false;
            case Num or Sym or Const or Text or Ellipsis: return false;
            default: return AnyOf(ListChildren(e), test);
        }
    }

    private static bool AnyOf(IReadOnlyList<Expr> items, Func<Expr, bool> test)
    {
        for (var i = 0; i < items.Count; i++) if (Any(items[i], test)) return true;
        return false;
    }

    private static IReadOnlyList<Expr> ListChildren(Expr e) => e switch
    {
        Sum s => s.Terms,
        Product p => p.Factors,
        Call c => c.Args,
        Relation r => r.Sides,
        Bracket b => b.Items,
        SetOf s => s.Items,
        Union u => u.Parts,
        Ratio r => r.Parts,
        AnswerList l => l.Items,
        _ => [],
    };

    public static SortedSet<string> Variables(Expr e)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        AddVariables(e, names);
        return names;
    }

    /// <summary>The variables of both expressions.</summary>
    public static SortedSet<string> Variables(Expr a, Expr b)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        AddVariables(a, names);
        AddVariables(b, names);
        return names;
    }

    private static void AddVariables(Expr e, SortedSet<string> names) =>
        Any(e, x =>
        {
            if (x is Sym s) names.Add(s.Name);
            return false;
        });

    public static bool HasVariable(Expr e) => Any(e, static x => x is Sym);

    public static bool HasDecimal(Expr e) => Any(e, static x => x is Num { FromDecimal: true });

    public static bool HasNumber(Expr e) => Any(e, static x => x is Num);

    public static bool HasInfinity(Expr e) => Any(e, static x => x is Const { Name: "inf" });

    public static bool Has<T>(Expr e) where T : Expr => Any(e, static x => x is T);

    /// <summary>A side such as <c>x</c>, <c>f(x)</c>, <c>|AB|</c>, <c>a_3</c>: names only, no numbers — the
    /// left side of an equation that merely names the answer.</summary>
    public static bool IsNameOnly(Expr e) => IsNameOnlyCore(WithoutNumericPowers(e));

    /// <summary>"BC^2 = 19": a named quantity's square is still a name.</summary>
    private static Expr WithoutNumericPowers(Expr e) => e switch
    {
        Power { Exponent: Num } p => p.Base,
        Product p when p.Factors.Any(f => f is Power { Exponent: Num }) => new Product(p.Factors.Select(f => f is Power { Exponent: Num } q ? q.Base : f).ToList()),
        _ => e,
    };

    private static bool IsNameOnlyCore(Expr e) =>
        e is not Bracket { Items.Count: 0 } && !Any(e, static x => x is not (Sym or Product or Quotient or Call or Ratio or Bracket or Neg))
        && Any(e, static x => x is Sym);

    /// <summary>Both readings of every ± (at most 16 results).</summary>
    public static List<Expr> ExpandPlusMinus(Expr e)
    {
        if (!Has<PlusMinus>(e)) return [e];
        var results = new List<Expr>();
        foreach (var sign in (ReadOnlySpan<bool>)[true, false])
        {
            var replaced = ReplaceFirst(e, sign, out var done);
            // A ± inside a node ReplaceFirst does not rebuild would be found again and again (a stack overflow,
            // which no catch stops): such an answer keeps its ±.
            if (!done) return [e];
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
            Factorial f => new Factorial(Map(f.Operand)),
            Ratio r => new Ratio(r.Parts.Select(Map).ToList()),
            Union u => new Union(u.Parts.Select(Map).ToList()),
            Relation r => new Relation(r.Sides.Select(Map).ToList(), r.Ops),
            Bracket b => new Bracket(b.Open, b.Close, b.Items.Select(Map).ToList()),
            _ => e,
        };
        done = found;
        return result;
    }
}
