namespace ReasonFlux.Grading;

/// <summary>
/// Recursive-descent parser from tokens to <see cref="Expr"/>. Precedence, loosest first: answer list (, ; and or),
/// relation (= &lt; \le \in …), ratio (:), union (\cup), sum (+ - \pm), product (* / \cdot, implicit), unary minus,
/// power and postfix (^ ! %), primary. This file holds the operator levels; ExpressionParser.Primary.cs the operands
/// (numbers, symbols, LaTeX commands, functions, brackets, sets, environments).
/// </summary>
internal sealed partial class ExpressionParser
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:for|where|when|if|with|since|because)\b")]
    private static partial System.Text.RegularExpressions.Regex QualifyingClause();

    internal static readonly HashSet<string> KnownCommands = new(StringComparer.Ordinal)
    {
        "frac", "sqrt", "binom", "pi", "infty", "cdot", "times", "div", "pm", "mp", "le", "leq", "leqslant", "ge", "geq",
        "geqslant", "ne", "neq", "lt", "gt", "approx", "in", "cup", "cap", "dots", "ldots", "cdots", "vdots", "dotsm", "dotsc",
        "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "log", "ln", "lg",
        "exp", "lfloor", "rfloor", "lceil", "rceil", "lvert", "rvert", "vert", "colon", "equiv", "to", "rightarrow",
        "Rightarrow", "implies", "iff", "emptyset", "varnothing", "infin", "mid", "setminus", "gcd", "max", "min", "det",
    };

    private static readonly Dictionary<string, string> RelationOps = new(StringComparer.Ordinal)
    {
        ["="] = "=", ["=="] = "=", ["<"] = "<", [">"] = ">", ["<="] = "<=", [">="] = ">=", ["!="] = "!=",
        ["le"] = "<=", ["leq"] = "<=", ["leqslant"] = "<=", ["ge"] = ">=", ["geq"] = ">=", ["geqslant"] = ">=",
        ["ne"] = "!=", ["neq"] = "!=", ["lt"] = "<", ["gt"] = ">", ["approx"] = "approx", ["in"] = "in", ["equiv"] = "=",
    };

    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal)
    {
        "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "log", "ln", "lg",
        "exp", "abs", "gcd", "lcm", "det", "max", "min", "sqrt",
    };

    private const int MaxDepth = 120;
    private readonly List<Token> _tokens;
    private int _pos;
    private int _depth;
    private int _absDepth;

    private readonly WorkBudget? _budget;

    private ExpressionParser(List<Token> tokens, WorkBudget? budget)
    {
        _tokens = tokens;
        _budget = budget;
    }

    /// <summary>Parses a cleaned answer; null (never an exception) when it is not mathematics we can read.</summary>
    public static Expr? TryParse(string cleaned, out string? error, WorkBudget? budget = null)
    {
        if (budget is not null && budget.TryGetParsed(cleaned, out var known))
        {
            error = known.Error;
            return known.Expr;
        }
        var expr = Parse(cleaned, out error, budget);
        budget?.RememberParsed(cleaned, expr, error);
        return expr;
    }

    private static Expr? Parse(string cleaned, out string? error, WorkBudget? budget)
    {
        error = null;
        if (cleaned.Length == 0) { error = "empty answer"; return null; }
        if (cleaned.Length > 4000) { error = "answer longer than 4000 characters"; return null; }
        try
        {
            budget?.ChargeScan(cleaned.Length);
            var parser = new ExpressionParser(LatexTokenizer.Tokenize(cleaned), budget);
            var result = parser.ParseAnswer();
            if (parser.Current.Kind != TokenKind.End) throw new ParseException($"unexpected '{parser.Current.Text}'", parser.Current.Position);
            return result;
        }
        catch (ParseException ex)
        {
            error = ex.Message;
            return null;
        }
        catch (BudgetExceededException ex) when (ex.StopsGrading)
        {
            throw; // the grading's budget is spent: the whole grading stops, not just this parse
        }
        catch (Exception ex) when (ex is DivideByZeroException or BudgetExceededException or FormatException or OverflowException)
        {
            error = ex.Message;
            return null;
        }
    }

    private Token Current => _tokens[_pos];
    private Token Peek(int k = 1) => _tokens[Math.Min(_pos + k, _tokens.Count - 1)];
    private Token Next() => _tokens[_pos < _tokens.Count - 1 ? _pos++ : _pos];
    private ParseException Error(string message) => new(message, Current.Position);

    private void Expect(string symbol)
    {
        if (!Current.Is(symbol)) throw Error($"expected '{symbol}'");
        _pos++;
    }

    private void Enter()
    {
        if (++_depth > MaxDepth) throw Error("nesting deeper than 120");
        _budget?.Step();
    }

    private Expr ParseAnswer()
    {
        var firstGroup = ParseItems(topLevel: true);
        if (!Current.Is(";")) return firstGroup.Count == 1 ? firstGroup[0] : new AnswerList(firstGroup);
        var groups = new List<List<Expr>> { firstGroup };
        while (Current.Is(";")) { _pos++; if (Current.Kind != TokenKind.End) groups.Add(ParseItems(topLevel: true)); }
        if (groups.Count > 1 && groups.All(g => g.Count > 1))
            return new AnswerList(groups.Select(g => (Expr)new Bracket('(', ')', g)).ToList());
        var all = groups.SelectMany(g => g).ToList();
        return all.Count == 1 ? all[0] : new AnswerList(all);
    }

    /// <summary>Comma (and, at top level, "and"/"or") separated items.</summary>
    private List<Expr> ParseItems(bool topLevel)
    {
        var items = new List<Expr>();
        while (true)
        {
            while (topLevel && IsConnector(Current)) _pos++;
            if (topLevel && Current.Kind == TokenKind.End) break;
            items.Add(Current.Text is "dots" or "ldots" or "cdots" && Current.Kind == TokenKind.Command ? Skip<Expr>(new Ellipsis()) : ParseRelation());
            // Inside brackets ";" separates too: "(0;-2;6)".
            if (Current.Is(",") || (!topLevel && Current.Is(";")) || (topLevel && (IsConnector(Current) || Current.Is("\\\\")))) { _pos++; continue; }
            break;
        }
        return items;
    }

    private T Skip<T>(T value) { _pos++; return value; }

    private static bool IsConnector(Token t) =>
        t.Kind == TokenKind.Word && t.Text is "and" or "or"
        || t.Kind == TokenKind.TextBlock && t.Text.Trim() is "and" or "or" or "," or "" or "or " or "and "
        || t.Is("\\\\");

    private Expr ParseRelation()
    {
        Enter();
        var first = ParseRatio();
        if (RelationOp(Current) is null) { _depth--; return first; }
        // Lists only once a second side is there: most answers are a single term, and this runs for each of them.
        var sides = new List<Expr> { first };
        var ops = new List<string>();
        while (RelationOp(Current) is { } op)
        {
            _pos++;
            ops.Add(op);
            sides.Add(ParseRatio());
        }
        _depth--;
        return new Relation(sides, ops);
    }

    private static string? RelationOp(Token t) =>
        (t.Kind is TokenKind.Symbol or TokenKind.Command) && RelationOps.TryGetValue(t.Text, out var op) ? op : null;

    private Expr ParseRatio()
    {
        var first = ParseUnion();
        if (!Current.Is(":") && !Current.Is("colon")) return first;
        var parts = new List<Expr> { first };
        while (Current.Is(":") || Current.Is("colon")) { _pos++; parts.Add(ParseUnion()); }
        return new Ratio(parts);
    }

    private Expr ParseUnion()
    {
        var first = ParseSum();
        if (!Current.Is("cup") && !(Current.Is("U") && Current.Kind == TokenKind.Letter && first is Bracket)) return first;
        var parts = new List<Expr> { first };
        while (Current.Is("cup") || Current.Is("U") && Current.Kind == TokenKind.Letter && parts[^1] is Bracket) { _pos++; parts.Add(ParseSum()); }
        return new Union(parts);
    }

    private Expr ParseSum()
    {
        Enter();
        var head = ParseProduct();
        if (!Current.Is("+") && !Current.Is("-") && !Current.Is("pm") && !Current.Is("mp")) { _depth--; return head; }
        var terms = new List<Expr> { head };
        while (true)
        {
            if (Current.Is("+")) { _pos++; terms.Add(ParseProduct()); }
            else if (Current.Is("-")) { _pos++; terms.Add(new Neg(ParseProduct())); }
            else if (Current.Is("pm") || Current.Is("mp"))
            {
                _pos++;
                var left = terms.Count == 1 ? terms[0] : new Sum(terms);
                _depth--;
                return new PlusMinus(left, ParseSum());
            }
            else break;
        }
        _depth--;
        return terms.Count == 1 ? terms[0] : new Sum(terms);
    }

    private Expr ParseProduct()
    {
        Enter();
        var head = ParseUnary();
        if (!Current.Is("*") && !Current.Is("cdot") && !Current.Is("times") && !Current.Is("/") && !Current.Is("div") && !StartsPrimary(Current))
        {
            _depth--;
            return head;
        }
        var numerator = new List<Expr> { head };
        var denominator = new List<Expr>();
        while (true)
        {
            // "10^{33}\,\mathrm{erg}\cdot\mathrm{s}^{-1}": a product with a unit is the unit's decoration.
            if ((Current.Is("cdot") || Current.Is("times") || Current.Is("/")) && Peek().Kind == TokenKind.TextBlock && !IsConnector(Peek())) { _pos += 2; SkipUnitPower(); }
            else if (Current.Is("*") || Current.Is("cdot") || Current.Is("times")) { _pos++; numerator.Add(ParseUnary()); }
            else if (Current.Is("/") || Current.Is("div")) { _pos++; denominator.Add(ParseUnary()); }
            else if (StartsPrimary(Current)) numerator.Add(ParsePower());
            else break;
        }
        _depth--;
        var top = numerator.Count == 1 ? numerator[0] : new Product(numerator);
        if (denominator.Count == 0) return top;
        return new Quotient(top, denominator.Count == 1 ? denominator[0] : new Product(denominator));
    }

    private bool StartsPrimary(Token t) => t.Kind switch
    {
        TokenKind.Number or TokenKind.Letter => true,
        TokenKind.Word => Functions.Contains(t.Text) || t.Text is "pi" or "infinity" or "inf",
        TokenKind.Command => !RelationOps.ContainsKey(t.Text) && !t.Text.StartsWith("end:", StringComparison.Ordinal)
            && t.Text is not ("cdot" or "times" or "div" or "pm" or "mp" or "cup" or "cap" or "colon" or "dots" or "ldots" or "cdots"
                or "to" or "rightarrow" or "Rightarrow" or "implies" or "iff" or "mid" or "setminus" or "rfloor" or "rceil" or "rvert"),
        // "\lambda^5[e^x-1]": square brackets group like parentheses.
        TokenKind.Symbol => t.Text is "(" or "[" or "{" or "\\{" || t.Text == "|" && _absDepth == 0,
        _ => false,
    };

    private Expr ParseUnary()
    {
        Enter();
        Expr result;
        if (Current.Is("-")) { _pos++; result = new Neg(ParseUnary()); }
        else if (Current.Is("+")) { _pos++; result = ParseUnary(); }
        else if (Current.Is("pm") || Current.Is("mp")) { _pos++; result = new PlusMinus(new Num(Rational.Zero), ParseUnary()); }
        else result = ParsePower();
        _depth--;
        return result;
    }

    private Expr ParsePower()
    {
        Enter();
        var result = ParsePrimary();
        while (true)
        {
            if (Current.Is("^"))
            {
                _pos++;
                var exponent = ParseScript();
                // "12^{\text{th}}": an ordinal suffix, not a power; "y^{\prime}" is y' (primes are dropped, as "'" is).
                if (exponent is not (Text or Sym { Name: "\\prime" }) && !(exponent is Product pp && pp.Factors.All(f => f is Sym { Name: "\\prime" })))
                    result = new Power(result, exponent);
            }
            else if (Current.Is("!")) { _pos++; result = new Factorial(result); }
            else if (Current.Is("%") || Current.Kind == TokenKind.Word && Current.Text is "percent" or "percentage" or "pct") { _pos++; result = new Percent(result); }
            else if (Current.Is("_")) { _pos++; ParseScript(); }
            else if (Current.Is("'")) _pos++;
            else if (Current.Kind == TokenKind.Word && !Functions.Contains(Current.Text) && Current.Text is not ("and" or "or" or "pi" or "inf" or "infinity")) { _pos++; SkipUnitPower(); } // a unit
            else if (Current.Kind == TokenKind.TextBlock && !IsConnector(Current))
            {
                var word = Current.Text.Trim().ToLowerInvariant();
                _pos++;
                // "f(n) = 2n+1 \text{ for all } n": a qualifying clause ends the answer.
                if (QualifyingClause().IsMatch(word)) { _pos = _tokens.Count - 1; break; }
                if (word is "%" or "percent" or "percentage" or "pct") result = new Percent(result);
                else SkipUnitPower();
            }
            else break;
        }
        _depth--;
        return result;
    }

    /// <summary>The exponent of a unit ("\text{ cm}^2", "\text{kcal m}^{-2}") belongs to the unit, not the value.</summary>
    private void SkipUnitPower()
    {
        if (!Current.Is("^")) return;
        _pos++;
        ParseScript();
    }

    /// <summary>The argument of ^, _, \frac, \sqrt: a braced group, or one character/command ("\frac12", "x^23").</summary>
    private Expr ParseScript()
    {
        Enter();
        Expr result;
        var t = Current;
        if (t.Is("{")) { _pos++; result = ParseGroupBody("}"); }
        else if (t.Kind == TokenKind.Number && t.Text.Length > 1)
        {
            // Only the first digit belongs to the script; the rest stays for the caller.
            _tokens[_pos] = t with { Text = t.Text[1..], Position = t.Position + 1, SpaceBefore = false };
            result = new Num(Rational.FromInteger(t.Text[0] - '0'));
        }
        else if (t.Is("-")) { _pos++; result = new Neg(ParseScript()); }
        else result = ParsePrimary();
        _depth--;
        return result;
    }

    private Expr ParseGroupBody(string close)
    {
        if (Current.Is(close)) { _pos++; return new SetOf([]); }
        var items = ParseItems(topLevel: false);
        Expect(close);
        return items.Count == 1 ? items[0] : new SetOf(items);
    }
}
