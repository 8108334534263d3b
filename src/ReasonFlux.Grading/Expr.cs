namespace ReasonFlux.Grading;

// The expression tree: immutable records, one family, rewritten with switch expressions elsewhere.

/// <summary>A parsed answer or part of one.</summary>
internal abstract record Expr;

/// <summary>A number; <paramref name="FromDecimal"/> marks a decimal literal, which is compared with a tolerance.
/// <paramref name="Digits"/>: the significant digits written in a decimal literal ("4.60" has 3; 0 when not one);
/// <paramref name="Scientific"/>: written with an exponent ("4.6e-24").</summary>
internal sealed record Num(Rational Value, bool FromDecimal = false, int Digits = 0, bool Scientific = false) : Expr;

/// <summary>A variable (subscripts are part of its name: <c>a_37</c>).</summary>
internal sealed record Sym(string Name) : Expr;

/// <summary>A named constant: <c>pi</c>, <c>e</c>, <c>i</c>, <c>inf</c>.</summary>
internal sealed record Const(string Name) : Expr;

internal sealed record Sum(IReadOnlyList<Expr> Terms) : Expr;

internal sealed record Product(IReadOnlyList<Expr> Factors) : Expr;

internal sealed record Quotient(Expr Numerator, Expr Denominator) : Expr;

internal sealed record Neg(Expr Operand) : Expr;

internal sealed record Power(Expr Base, Expr Exponent) : Expr;

/// <summary>The <paramref name="Index"/>-th root (2 for a square root).</summary>
internal sealed record Root(Expr Radicand, Expr Index) : Expr;

/// <summary>A function application: trig, log (second argument: the base), exp, abs, binom, or an unknown f(x).</summary>
internal sealed record Call(string Name, IReadOnlyList<Expr> Args) : Expr;

internal sealed record Factorial(Expr Operand) : Expr;

internal sealed record Percent(Expr Operand) : Expr;

/// <summary><c>Left ± Right</c>; a leading ± has a zero left side.</summary>
internal sealed record PlusMinus(Expr Left, Expr Right) : Expr;

/// <summary>A chain of relations: Sides[0] Ops[0] Sides[1] … (ops: = &lt; &lt;= &gt; &gt;= != in).</summary>
internal sealed record Relation(IReadOnlyList<Expr> Sides, IReadOnlyList<string> Ops) : Expr;

/// <summary>A bracketed list: a tuple/point <c>(a,b)</c> or an interval <c>(a,b]</c>.</summary>
internal sealed record Bracket(char Open, char Close, IReadOnlyList<Expr> Items) : Expr;

internal sealed record SetOf(IReadOnlyList<Expr> Items) : Expr;

internal sealed record Union(IReadOnlyList<Expr> Parts) : Expr;

internal sealed record Matrix(IReadOnlyList<IReadOnlyList<Expr>> Rows) : Expr;

internal sealed record Text(string Value) : Expr;

/// <summary><c>a:b</c>, also times such as <c>12:00</c>; compared part by part.</summary>
internal sealed record Ratio(IReadOnlyList<Expr> Parts) : Expr;

/// <summary>Several answers (comma, "and", "or" separated); compared as a set.</summary>
internal sealed record AnswerList(IReadOnlyList<Expr> Items) : Expr;

/// <summary><c>\dots</c> inside a list.</summary>
internal sealed record Ellipsis : Expr;
