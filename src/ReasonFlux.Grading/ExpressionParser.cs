using System.Globalization;
using System.Numerics;

namespace ReasonFlux.Grading;

/// <summary>
/// Recursive-descent parser from tokens to <see cref="Expr"/>. Precedence, loosest first: answer list (, ; and or),
/// relation (= &lt; \le \in …), ratio (:), union (\cup), sum (+ - \pm), product (* / \cdot, implicit), unary minus,
/// power and postfix (^ ! %), primary.
/// </summary>
internal sealed class ExpressionParser
{
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
            if (Current.Is(",") || (topLevel && (IsConnector(Current) || Current.Is("\\\\")))) { _pos++; continue; }
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
            if (Current.Is("*") || Current.Is("cdot") || Current.Is("times")) { _pos++; numerator.Add(ParseUnary()); }
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
        TokenKind.Symbol => t.Text is "(" or "{" or "\\{" || t.Text == "|" && _absDepth == 0,
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
            if (Current.Is("^")) { _pos++; result = new Power(result, ParseScript()); }
            else if (Current.Is("!")) { _pos++; result = new Factorial(result); }
            else if (Current.Is("%") || Current.Kind == TokenKind.Word && Current.Text is "percent" or "percentage" or "pct") { _pos++; result = new Percent(result); }
            else if (Current.Is("_")) { _pos++; ParseScript(); }
            else if (Current.Is("'")) _pos++;
            else if (Current.Kind == TokenKind.Word && !Functions.Contains(Current.Text) && Current.Text is not ("and" or "or" or "pi" or "inf" or "infinity")) _pos++; // a unit
            else if (Current.Kind == TokenKind.TextBlock && !IsConnector(Current))
            {
                var word = Current.Text.Trim().ToLowerInvariant();
                _pos++;
                if (word is "%" or "percent" or "percentage" or "pct") result = new Percent(result);
            }
            else break;
        }
        _depth--;
        return result;
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

    private Expr ParsePrimary()
    {
        Enter();
        var result = ParsePrimaryCore();
        _depth--;
        return result;
    }

    private Expr ParsePrimaryCore()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.Number:
                _pos++;
                return MixedNumber(t) ?? ParseNumber(t.Text);
            case TokenKind.Letter:
                _pos++;
                return Letter(t.Text);
            case TokenKind.Word:
                _pos++;
                if (t.Text is "pi") return new Const("pi");
                if (t.Text is "infinity" or "inf" or "oo") return new Const("inf");
                if (Functions.Contains(t.Text)) return ParseFunction(t.Text);
                throw new ParseException($"unexpected word '{t.Text}'", t.Position);
            case TokenKind.TextBlock:
                _pos++;
                var text = t.Text.Trim();
                if (text.Length == 0) return StartsPrimary(Current) ? ParsePrimary() : new Text("");
                return new Text(text);
            case TokenKind.Command:
                _pos++;
                return ParseCommand(t);
            case TokenKind.Symbol:
                _pos++;
                return t.Text switch
                {
                    "(" => ParseBracketed('('),
                    "[" => ParseBracketed('['),
                    "{" => ParseGroupBody("}"),
                    "\\{" => ParseSet(),
                    "|" => ParseAbs(),
                    _ => throw new ParseException($"unexpected '{t.Text}'", t.Position),
                };
            default:
                throw Error("unexpected end of answer");
        }
    }

    private Expr Letter(string letter)
    {
        var name = letter;
        if (Current.Is("_"))
        {
            _pos++;
            name += "_" + ScriptName();
        }
        return name switch { "e" => new Const("e"), "i" => new Const("i"), _ => new Sym(name) };
    }

    /// <summary>A subscript read as part of a name: a_{37}, x_1, S_{MBCN}.</summary>
    private string ScriptName()
    {
        if (!Current.Is("{")) return Next().Text;
        _pos++;
        var parts = new List<string>();
        var level = 1;
        while (Current.Kind != TokenKind.End)
        {
            if (Current.Is("{")) level++;
            if (Current.Is("}") && --level == 0) { _pos++; break; }
            parts.Add(Next().Text);
        }
        return string.Concat(parts);
    }

    private Expr? MixedNumber(Token whole)
    {
        // "1\frac{4}{5}" and "137 \frac{1}{2}" are mixed numbers in MATH answers.
        if (!whole.Text.Contains('.', StringComparison.Ordinal) && Current.Is("frac") && Peek().Is("{") && IsInteger(Peek(2)) && Peek(3).Is("}")
            && Peek(4).Is("{") && IsInteger(Peek(5)) && Peek(6).Is("}") && !Peek(7).Is("^"))
        {
            var (n, d) = (Peek(2).Text, Peek(5).Text);
            _pos += 7;
            return new Sum([ParseNumber(whole.Text), new Quotient(ParseNumber(n), ParseNumber(d))]);
        }
        // "4 4/9" is 40/9: an integer, a space on one line, then a fraction of integers.
        if (whole.Text.Contains('.', StringComparison.Ordinal) || !Current.SpaceBefore || Current.NewlineBefore) return null;
        if (Current.Kind != TokenKind.Number || !Peek().Is("/") || Peek(2).Kind != TokenKind.Number) return null;
        var (top, bottom) = (Current, Peek(2));
        if (top.Text.Contains('.', StringComparison.Ordinal) || bottom.Text.Contains('.', StringComparison.Ordinal)) return null;
        if (Peek(3).Is("^") || Peek(3).Is("/")) return null;
        _pos += 3;
        return new Sum([ParseNumber(whole.Text), new Quotient(ParseNumber(top.Text), ParseNumber(bottom.Text))]);
    }

    private static bool IsInteger(Token t) => t.Kind == TokenKind.Number && !t.Text.Contains('.', StringComparison.Ordinal) && !t.Text.Contains('e', StringComparison.OrdinalIgnoreCase);

    internal static Num ParseNumber(string text)
    {
        var exponent = 0;
        var e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        if (e < 0 && text.Length <= 18 && !text.Contains('.', StringComparison.Ordinal) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var small))
            return new Num(Rational.FromInteger(small)); // the common case, without BigInteger parsing
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? text : text[..dot] + text[(dot + 1)..];
        var scale = dot < 0 ? 0 : text.Length - dot - 1;
        if (digits.Length == 0) digits = "0";
        if (digits.Length > 2000 || Math.Abs(exponent) > 2000) throw new BudgetExceededException("a number literal is too long");
        var value = new Rational(BigInteger.Parse(digits, CultureInfo.InvariantCulture), BigInteger.Pow(10, scale));
        if (exponent != 0) value = value * (new Rational(10, 1).Pow(exponent) ?? throw new BudgetExceededException("exponent too large"));
        return new Num(value, dot >= 0 || e >= 0);
    }

    private Expr ParseCommand(Token t)
    {
        switch (t.Text)
        {
            case "frac":
                return new Quotient(ParseScript(), ParseScript());
            case "binom":
                return new Call("binom", [ParseScript(), ParseScript()]);
            case "sqrt":
                Expr index = new Num(new Rational(2, 1));
                if (Current.Is("[")) { _pos++; index = ParseRelation(); Expect("]"); }
                return new Root(ParseScript(), index);
            case "pi": return new Const("pi");
            case "infty" or "infin": return new Const("inf");
            case "emptyset" or "varnothing": return new SetOf([]);
            case "lfloor": return Wrapped("floor", "rfloor");
            case "lceil": return Wrapped("ceil", "rceil");
            case "lvert" or "vert": return ParseAbs();
            case "dots" or "ldots" or "cdots" or "dotsm" or "dotsc": return new Ellipsis();
        }
        if (Functions.Contains(t.Text)) return ParseFunction(t.Text);
        if (t.Text.StartsWith("begin:", StringComparison.Ordinal)) return ParseEnvironment(t.Text[6..]);
        if (t.Text.StartsWith("end:", StringComparison.Ordinal) || RelationOps.ContainsKey(t.Text) || KnownCommands.Contains(t.Text))
            throw new ParseException($"unexpected \\{t.Text}", t.Position);
        // Greek letters and anything else we do not know: a named symbol.
        var name = "\\" + t.Text;
        if (Current.Is("_")) { _pos++; name += "_" + ScriptName(); }
        return new Sym(name);
    }

    private Expr Wrapped(string function, string close)
    {
        var inner = ParseSum();
        if (Current.Is(close)) _pos++;
        return new Call(function, [inner]);
    }

    private Expr ParseFunction(string name)
    {
        Expr? power = null;
        Expr? logBase = null;
        for (var k = 0; k < 2; k++)
        {
            if (Current.Is("^")) { _pos++; power = ParseScript(); }
            else if (Current.Is("_")) { _pos++; logBase = ParseScript(); }
        }
        Expr argument;
        if (Current.Is("(")) { _pos++; argument = ParseBracketed('('); }
        else argument = ParsePower();
        if (name == "sqrt") return new Root(argument, new Num(new Rational(2, 1)));
        var args = argument is Bracket { Open: '(' } b && name is "gcd" or "lcm" or "max" or "min" ? b.Items : [argument];
        Expr call = name switch
        {
            "lg" => new Call("log", [argument, new Num(new Rational(10, 1))]),
            "log" when logBase is not null => new Call("log", [argument, logBase]),
            _ => new Call(name, args),
        };
        return power is null ? call : new Power(call, power);
    }

    private Expr ParseBracketed(char open)
    {
        if (Current.Is(")") || Current.Is("]")) { var close0 = Next().Text[0]; return new Bracket(open, close0, []); }
        var items = ParseItems(topLevel: false);
        if (!Current.Is(")") && !Current.Is("]")) throw Error($"expected a closing bracket for '{open}'");
        var close = Next().Text[0];
        return items.Count == 1 && (open == '(' || close == ']') ? items[0] : new Bracket(open, close, items);
    }

    private Expr ParseSet()
    {
        if (Current.Is("\\}")) { _pos++; return new SetOf([]); }
        var items = ParseItems(topLevel: false);
        Expect("\\}");
        return new SetOf(items);
    }

    private Expr ParseAbs()
    {
        _absDepth++;
        var inner = ParseSum();
        _absDepth--;
        if (!Current.Is("|") && !Current.Is("rvert") && !Current.Is("vert")) throw Error("expected a closing '|'");
        _pos++;
        return new Call("abs", [inner]);
    }

    private Expr ParseEnvironment(string env)
    {
        var rows = new List<IReadOnlyList<Expr>>();
        var row = new List<Expr>();
        while (true)
        {
            if (Current.Kind == TokenKind.End) throw Error($"missing \\end{{{env}}}");
            if (Current.Kind == TokenKind.Command && Current.Text.StartsWith("end:", StringComparison.Ordinal)) { _pos++; break; }
            if (Current.Is("&")) { _pos++; continue; }
            if (Current.Is("\\\\"))
            {
                _pos++;
                if (row.Count > 0) rows.Add(row);
                row = [];
                continue;
            }
            row.Add(ParseRelation());
        }
        if (row.Count > 0) rows.Add(row);
        if (env is "cases") return new AnswerList(rows.Select(r => r[0]).ToList());
        return new Matrix(rows);
    }
}
