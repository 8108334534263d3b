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
        SetOf s => new SetOf(NormalizeAll(s.Items, expand: true)),
        // "(0, \pm 2)" is the two points (0, 2) and (0, -2).
        Bracket { Open: '(' } b when ExpressionFacts.Has<PlusMinus>(b) && ExpressionFacts.ExpandPlusMinus(b) is { Count: > 1 } points
            => new AnswerList(points.Select(Normalize).ToList()),
        Bracket b => new Bracket(b.Open, b.Close, NormalizeAll(b.Items, expand: false)),
        Union u => new Union(NormalizeAll(u.Parts, expand: false)),
        PlusMinus => ExpressionFacts.ExpandPlusMinus(e) is [var single] ? single : new AnswerList(ExpressionFacts.ExpandPlusMinus(e)),
        _ => e,
    };

    // Loops rather than LINQ: every comparison normalises both answers.
    private static List<Expr> NormalizeAll(IReadOnlyList<Expr> items, bool expand)
    {
        var result = new List<Expr>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            if (expand) AddExpanded(result, Normalize(items[i]));
            else result.Add(Normalize(items[i]));
        }
        return result;
    }

    private static Expr Flatten(IReadOnlyList<Expr> items)
    {
        var result = new List<Expr>(items.Count);
        // "\text{Yes}, k = 6": a yes or no before the answer only introduces it.
        var skipVerdict = items.Count > 1 && IsYesOrNo(items[0]);
        for (var i = skipVerdict ? 1 : 0; i < items.Count; i++)
        {
            var item = Normalize(items[i]);
            if (item is AnswerList inner) result.AddRange(inner.Items);
            else AddExpanded(result, item);
        }
        return result.Count == 1 ? result[0] : new AnswerList(result);
    }

    /// <summary>Adds the readings of an item with ±: "x = 1 ± 2" as two equations, "1 ± 2" as two values.</summary>
    private static void AddExpanded(List<Expr> into, Expr item)
    {
        // Most items hold no ±: one walk decides.
        if (!ExpressionFacts.Has<PlusMinus>(item)) into.Add(item);
        else if (item is Relation { Ops: ["="] } rel && ExpressionFacts.Has<PlusMinus>(rel.Sides[1]) && !ExpressionFacts.Has<PlusMinus>(rel.Sides[0]))
            foreach (var side in ExpressionFacts.ExpandPlusMinus(rel.Sides[1])) into.Add(new Relation([rel.Sides[0], side], ["="]));
        else if (item is not (Relation or Bracket or SetOf)) into.AddRange(ExpressionFacts.ExpandPlusMinus(item));
        else into.Add(item);
    }

    private static bool IsYesOrNo(Expr e) => e is Text t && t.Value.Trim().TrimEnd(',', '.', ';', ' ').ToLowerInvariant() is "yes" or "no";

    private static Expr NormalizeRelation(Relation r)
    {
        var sides = r.Sides.ToList();
        // "\text{Yes, } n = 4": the same introduction glued to the left side.
        if (sides[0] is Product p && p.Factors.Count > 1 && IsYesOrNo(p.Factors[0]))
            sides[0] = p.Factors.Count == 2 ? p.Factors[1] : new Product(p.Factors.Skip(1).ToList());
        var ops = r.Ops.ToList();
        // "x = 1/3 \approx 0.33": the exact part is the answer; a lone "x \approx 3.14" means "=".
        var approx = ops.IndexOf("approx");
        if (approx > 0) { sides = sides[..(approx + 1)]; ops = ops[..approx]; }
        // "\frac{\sqrt3}{3} \approx 0.577": the exact value on the left is the answer.
        else if (approx == 0 && ops.Count == 1 && (!ExpressionFacts.HasVariable(sides[0]) || ExpressionFacts.HasDecimal(sides[1]))) return Normalize(sides[0]);
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
