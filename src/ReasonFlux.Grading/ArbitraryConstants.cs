namespace ReasonFlux.Grading;

/// <summary>
/// Constants of integration may be named differently: <c>Ce^{-2x}</c> and <c>ce^{-2x}</c>, or <c>c_1…c_4</c> and
/// <c>C_1…C_4</c>. When two answers use the same other variables and as many free constants (names <c>C</c>,
/// <c>c</c>, <c>C_k</c>, <c>c_k</c>) under different names, the prediction's constants are renamed to the gold's
/// in sorted order. The problem's own variables are never renamed, and a constant alone is an answer, not renamed.
/// </summary>
internal static class ArbitraryConstants
{
    public static Expr? AlignTo(Expr gold, Expr pred)
    {
        var goldNames = ExpressionFacts.Variables(gold);
        var predNames = ExpressionFacts.Variables(pred);
        if (goldNames.SetEquals(predNames)) return null;
        var goldConstants = goldNames.Where(IsConstantName).ToList();
        var predConstants = predNames.Where(IsConstantName).ToList();
        if (goldConstants.Count == 0 || goldConstants.Count != predConstants.Count) return null;
        var others = goldNames.Except(goldConstants).ToList();
        if (others.Count == 0 || !predNames.Except(predConstants).ToHashSet().SetEquals(others)) return null;
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var k = 0; k < goldConstants.Count; k++) map[predConstants[k]] = goldConstants[k];
        return Rename(pred, map);
    }

    private static bool IsConstantName(string name) =>
        name is "C" or "c" || name.Length > 2 && name[0] is 'C' or 'c' && name[1] == '_' && name.AsSpan(2).IndexOfAnyExceptInRange('0', '9') < 0;

    private static Expr Rename(Expr e, Dictionary<string, string> map)
    {
        List<Expr> All(IReadOnlyList<Expr> items) => items.Select(x => Rename(x, map)).ToList();
        return e switch
        {
            Sym s => map.TryGetValue(s.Name, out var to) ? new Sym(to) : s,
            Sum s => new Sum(All(s.Terms)),
            Product p => new Product(All(p.Factors)),
            Quotient q => new Quotient(Rename(q.Numerator, map), Rename(q.Denominator, map)),
            Neg n => new Neg(Rename(n.Operand, map)),
            Power p => new Power(Rename(p.Base, map), Rename(p.Exponent, map)),
            Root r => new Root(Rename(r.Radicand, map), Rename(r.Index, map)),
            Call c => new Call(c.Name, All(c.Args)),
            Factorial f => new Factorial(Rename(f.Operand, map)),
            Percent p => new Percent(Rename(p.Operand, map)),
            PlusMinus pm => new PlusMinus(Rename(pm.Left, map), Rename(pm.Right, map)),
            Relation r => new Relation(All(r.Sides), r.Ops),
            Bracket b => new Bracket(b.Open, b.Close, All(b.Items)),
            SetOf s => new SetOf(All(s.Items)),
            Union u => new Union(All(u.Parts)),
            Ratio r => new Ratio(All(r.Parts)),
            AnswerList l => new AnswerList(All(l.Items)),
            Matrix m => new Matrix(m.Rows.Select(r => (IReadOnlyList<Expr>)All(r)).ToList()),
            _ => e,
        };
    }
}
