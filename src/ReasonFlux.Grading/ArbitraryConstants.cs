namespace ReasonFlux.Grading;

/// <summary>
/// Constants of integration may be named differently: <c>Ce^{-2x}</c> and <c>ce^{-2x}</c>, or <c>c_1…c_4</c> and
/// <c>C_1…C_4</c>, or <c>A, B, C, D</c>. When two answers use the same other variables and as many free constants
/// (names <c>C</c>, <c>c</c>, <c>K</c>, <c>A</c>–<c>D</c>, alone or with a numeric subscript), the
/// prediction's constants are renamed to the gold's: in sorted order, then in every other order (up to four; with the same names on both
/// sides only C/c constants are permuted). The problem's own variables are never renamed, and a constant alone is an answer, not renamed.
/// </summary>
internal static class ArbitraryConstants
{
    /// <summary>The prediction with its constants renamed to the gold's: the sorted pairing first, then (for up to
    /// four constants) every other pairing; nothing when the answers differ in anything but constant names.</summary>
    public static IEnumerable<Expr> Renamings(Expr gold, Expr pred)
    {
        var goldNames = ExpressionFacts.Variables(gold);
        var predNames = ExpressionFacts.Variables(pred);
        var goldConstants = goldNames.Where(IsConstantName).ToList();
        var predConstants = predNames.Where(IsConstantName).ToList();
        if (goldConstants.Count == 0 || goldConstants.Count != predConstants.Count) yield break;
        var others = goldNames.Except(goldConstants).ToList();
        if (others.Count == 0 || !predNames.Except(predConstants).ToHashSet().SetEquals(others)) yield break;
        var same = goldNames.SetEquals(predNames);
        foreach (var order in Orders(goldConstants.Count))
        {
            if (same && order.Select((x, i) => x == i).All(b => b)) continue; // the identity was compared already
            // With the same names on both sides only C/c constants are permuted: A, B, D, K may be the problem's own.
            if (same && !goldConstants.All(c => c[0] is 'C' or 'c')) yield break;
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var k = 0; k < order.Length; k++) map[predConstants[k]] = goldConstants[order[k]];
            yield return Rename(pred, map);
        }
    }

    /// <summary>The identity pairing first, then the other permutations of up to four items.</summary>
    private static IEnumerable<int[]> Orders(int n)
    {
        var identity = Enumerable.Range(0, n).ToArray();
        yield return identity;
        if (n > 4) yield break;
        foreach (var p in Permutations((int[])identity.Clone(), 0))
            if (!p.SequenceEqual(identity)) yield return p;
    }

    private static IEnumerable<int[]> Permutations(int[] items, int from)
    {
        if (from == items.Length) { yield return (int[])items.Clone(); yield break; }
        for (var k = from; k < items.Length; k++)
        {
            (items[from], items[k]) = (items[k], items[from]);
            foreach (var p in Permutations(items, from + 1)) yield return p;
            (items[from], items[k]) = (items[k], items[from]);
        }
    }

    /// <summary>Names constants of integration go by: C, c, K, A–D, and any of these with a numeric subscript.</summary>
    private static bool IsConstantName(string name) =>
        name.Length == 1 && name[0] is 'C' or 'c' or 'K' or 'A' or 'B' or 'D'
        || name.Length > 2 && name[0] is 'C' or 'c' or 'K' or 'A' or 'B' && name[1] == '_' && name.AsSpan(2).IndexOfAnyExceptInRange('0', '9') < 0;

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
