namespace ReasonFlux.Grading;

/// <summary>
/// Structural rewrites before comparing: relation chains shortened, <c>x \in S</c> to <c>S</c>, ± expanded into
/// several answers, nested answer lists flattened.
/// </summary>
internal static class AnswerNormalizer
{
    public static Expr Normalize(Expr e) => e switch
    {
        Relation r => NormalizeRelation(r),
        AnswerList l => Flatten(l.Items),
        SetOf s => new SetOf(s.Items.Select(Normalize).SelectMany(ExpandItem).ToList()),
        Bracket b => new Bracket(b.Open, b.Close, b.Items.Select(Normalize).ToList()),
        Union u => new Union(u.Parts.Select(Normalize).ToList()),
        PlusMinus => ExpressionFacts.ExpandPlusMinus(e) is [var single] ? single : new AnswerList(ExpressionFacts.ExpandPlusMinus(e)),
        _ => e,
    };

    private static Expr Flatten(IReadOnlyList<Expr> items)
    {
        var result = new List<Expr>();
        foreach (var item in items.Select(Normalize))
        {
            if (item is AnswerList inner) result.AddRange(inner.Items);
            else result.AddRange(ExpandItem(item));
        }
        return result.Count == 1 ? result[0] : new AnswerList(result);
    }

    private static IEnumerable<Expr> ExpandItem(Expr item) =>
        item is Relation { Ops: ["="] } rel && ExpressionFacts.Has<PlusMinus>(rel.Sides[1]) && !ExpressionFacts.Has<PlusMinus>(rel.Sides[0])
            ? ExpressionFacts.ExpandPlusMinus(rel.Sides[1]).Select(side => (Expr)new Relation([rel.Sides[0], side], ["="]))
            : ExpressionFacts.Has<PlusMinus>(item) && item is not (Relation or Bracket or SetOf) ? ExpressionFacts.ExpandPlusMinus(item) : [item];

    private static Expr NormalizeRelation(Relation r)
    {
        var sides = r.Sides.ToList();
        var ops = r.Ops.ToList();
        // "x = 1/3 \approx 0.33": the exact part is the answer; a lone "x \approx 3.14" means "=".
        var approx = ops.IndexOf("approx");
        if (approx > 0) { sides = sides[..(approx + 1)]; ops = ops[..approx]; }
        else if (approx == 0 && ops.Count == 1) ops[0] = "=";
        else if (approx == 0) { sides = sides[1..]; ops = ops[1..]; }

        if (ops.Count == 1 && ops[0] == "in" && ExpressionFacts.IsNameOnly(sides[0])) return Normalize(sides[1]);
        if (ops.All(o => o == "="))
        {
            var last = Normalize(sides[^1]);
            // "35 + 70 = 105": a worked computation, the answer is its result.
            if (!sides.Exists(ExpressionFacts.HasVariable)) return last;
            if (sides.Count > 2)
            {
                // "x = 5+5+1 = 7 = 11" names x and ends with the value.
                var name = sides.Take(sides.Count - 1).LastOrDefault(ExpressionFacts.IsNameOnly) ?? sides[0];
                return new Relation([name, last], ["="]);
            }
            return new Relation([sides[0], last], ["="]);
        }
        return new Relation(sides, ops);
    }
}
