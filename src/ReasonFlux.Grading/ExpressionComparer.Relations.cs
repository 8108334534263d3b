using System.Numerics;

namespace ReasonFlux.Grading;

// Equations, inequalities and the intervals they describe.
internal sealed partial class ExpressionComparer
{
    // ---- relations -------------------------------------------------------------------------------------

    private bool GoldRelationVersusValue(Relation g, Expr p)
    {
        if (g.Ops is ["="] && ExpressionFacts.IsNameOnly(g.Sides[0])) return EqualNormalized(g.Sides[1], p);
        // A gold inequality may be answered with the interval it describes, not the other way round.
        return p is Bracket or Union && AsInterval(g) is { } interval && EqualNormalized(interval, p);
    }

    private bool PredRelationVersusValue(Expr g, Relation p) =>
        p.Ops is ["="] && ExpressionFacts.IsNameOnly(p.Sides[0]) && EqualNormalized(g, p.Sides[1])
        // A gold interval answered with the inequality that describes it: "[-2,7]" and "-2 \le x \le 7".
        || g is Bracket or Union && AsInterval(p) is { } interval && EqualNormalized(g, interval);

    /// <summary>"x &lt; -1 or x &gt; 2" (a list of one-variable inequalities) as the union of their intervals.</summary>
    private static Expr IntervalsOfInequalities(Expr e)
    {
        if (e is not AnswerList { Items.Count: > 1 } list || !list.Items.All(i => i is Relation { Ops.Count: 1 or 2 } r && r.Ops.All(o => o is "<" or "<=" or ">" or ">="))) return e;
        var parts = new List<Expr>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (AsInterval((Relation)item) is not { } interval) return e;
            parts.Add(interval);
        }
        return new Union(parts);
    }

    private bool RelationsEqual(Relation g, Relation p)
    {
        if (g.Ops is ["="] && p.Ops is ["="])
        {
            if (Proportional(Difference(g), Difference(p), positive: false)) { LastMethod = $"equation ({_proportionalBy})"; return true; }
            var gName = ExpressionFacts.IsNameOnly(g.Sides[0]);
            var pName = ExpressionFacts.IsNameOnly(p.Sides[0]);
            if (gName && pName) return EqualNormalized(g.Sides[1], p.Sides[1]);
            return false;
        }
        if (g.Ops.Count == 1 && p.Ops.Count == 1 && Inequality(g) is { } a && Inequality(p) is { } b)
        {
            LastMethod = "inequality";
            if (a.Kind != b.Kind) return false;
            var proportional = Proportional(a.Positive, b.Positive, positive: a.Kind != "!=");
            LastMethod = $"inequality ({_proportionalBy})";
            return proportional;
        }
        if (Chain(g) is { } gc && Chain(p) is { } pc)
        {
            LastMethod = "inequality";
            return gc.Ops.SequenceEqual(pc.Ops) && gc.Sides.Zip(pc.Sides).All(x => EqualNormalized(x.First, x.Second));
        }
        return false;
    }

    private static Expr Difference(Relation r) => new Sum([r.Sides[0], new Neg(r.Sides[1])]);

    /// <summary><c>l op r</c> as "Positive &gt; 0" (Kind "&gt;"), "&gt;= 0" or "!= 0".</summary>
    private static (Expr Positive, string Kind)? Inequality(Relation r)
    {
        var (l, op, rr) = (r.Sides[0], r.Ops[0], r.Sides[1]);
        return op switch
        {
            "<" => (new Sum([rr, new Neg(l)]), ">"),
            "<=" => (new Sum([rr, new Neg(l)]), ">="),
            ">" => (new Sum([l, new Neg(rr)]), ">"),
            ">=" => (new Sum([l, new Neg(rr)]), ">="),
            "!=" => (new Sum([l, new Neg(rr)]), "!="),
            _ => null,
        };
    }

    /// <summary>An inequality chain written with &lt; (a &gt; x &gt; b is turned round).</summary>
    private static Relation? Chain(Relation r)
    {
        if (r.Ops.All(o => o is "<" or "<=")) return r;
        if (r.Ops.All(o => o is ">" or ">="))
            return new Relation(r.Sides.Reverse().ToList(), r.Ops.Reverse().Select(o => o == ">" ? "<" : "<=").ToList());
        return null;
    }

    private static Bracket? AsInterval(Relation r)
    {
        if (Chain(r) is not { } c) return null;
        var negInf = new Neg(new Const("inf"));
        var inf = new Const("inf");
        if (c.Sides.Count == 3 && ExpressionFacts.IsNameOnly(c.Sides[1]))
            return new Bracket(c.Ops[0] == "<" ? '(' : '[', c.Ops[1] == "<" ? ')' : ']', [c.Sides[0], c.Sides[2]]);
        if (c.Sides.Count == 2 && ExpressionFacts.IsNameOnly(c.Sides[0]))
            return new Bracket('(', c.Ops[0] == "<" ? ')' : ']', [negInf, c.Sides[1]]);
        if (c.Sides.Count == 2 && ExpressionFacts.IsNameOnly(c.Sides[1]))
            return new Bracket(c.Ops[0] == "<" ? '(' : '[', ')', [c.Sides[0], inf]);
        return null;
    }

    /// <summary>Which test decided the last <see cref="Proportional"/>.</summary>
    private string _proportionalBy = "evaluation";

    /// <summary>Whether a = k·b for one constant k (k &gt; 0 when <paramref name="positive"/>): by canonical forms
    /// first, as <see cref="SymbolicEqual"/>; then tested at fixed points.</summary>
    private bool Proportional(Expr a, Expr b, bool positive)
    {
        if (ExpressionFacts.Has<Bracket>(a) || ExpressionFacts.Has<Bracket>(b) || ExpressionFacts.Has<Matrix>(a) || ExpressionFacts.Has<Matrix>(b)) return false;
        var canonical = CanonicalForm.Proportional(a, b, positive, budget);
        if (canonical == true || (canonical == false && !ExpressionFacts.HasDecimal(a) && !ExpressionFacts.HasDecimal(b)))
        {
            _proportionalBy = "canonical form";
            return canonical.Value;
        }
        _proportionalBy = "evaluation";
        var names = ExpressionFacts.Variables(a, b);
        Complex? ratio = null;
        var checkedPoints = 0;
        foreach (var point in ComplexPoints(names))
        {
            var x = NumericEvaluator.Evaluate(a, budget, point);
            var y = NumericEvaluator.Evaluate(b, budget, point);
            if (!IsFinite(x) || !IsFinite(y)) continue;
            if (Complex.Abs(y) < 1e-12 || Complex.Abs(x) < 1e-12)
            {
                if (Complex.Abs(y) < 1e-12 && Complex.Abs(x) < 1e-12) { checkedPoints++; continue; }
                return false;
            }
            var r = x / y;
            if (ratio is null) ratio = r;
            else if (Complex.Abs(r - ratio.Value) > 1e-8 * Math.Max(1, Complex.Abs(ratio.Value))) return false;
            checkedPoints++;
        }
        if (checkedPoints < 3 || ratio is null) return false;
        return !positive || (Math.Abs(ratio.Value.Imaginary) < 1e-9 && ratio.Value.Real > 0);
    }
}
