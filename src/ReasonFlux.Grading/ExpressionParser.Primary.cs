using System.Globalization;
using System.Numerics;

namespace ReasonFlux.Grading;

/// <summary>The operands of <see cref="ExpressionParser"/>: numbers, symbols, LaTeX commands, functions, brackets, sets and environments.</summary>
internal sealed partial class ExpressionParser
{
    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d+(?:\.\d+)?)(?:\s+[A-Za-z]+)+$")]
    private static partial System.Text.RegularExpressions.Regex NumberInText();

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
                // A unit word where a value starts ("ml\ddot{\theta}" is m·l·θ̈): its letters are variables.
                if (t.Text.All(char.IsAsciiLetter) && t.Text.Length <= 3) return new Product(t.Text.Select(c => (Expr)new Sym(c.ToString())).ToList());
                throw new ParseException($"unexpected word '{t.Text}'", t.Position);
            case TokenKind.TextBlock:
                _pos++;
                var text = t.Text.Trim();
                if (text.Length == 0) return StartsPrimary(Current) ? ParsePrimary() : new Text("");
                // "\text{5 apples}": a number with words after it is that number ("\text{13}" stays text).
                if (NumberInText().Match(text) is { Success: true } number) return ParseNumber(number.Groups[1].Value);
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
                    "{" => Grouping(ParseGroupBody("}")),
                    "\\{" => ParseSet(),
                    "|" => ParseAbs(),
                    _ => throw new ParseException($"unexpected '{t.Text}'", t.Position),
                };
            default:
                throw Error("unexpected end of answer");
        }
    }

    /// <summary>Plain braces group: "{1,3}" is a list of answers, not a set (sets are written "\{1,3\}").</summary>
    private static Expr Grouping(Expr body) => body is SetOf { Items.Count: > 0 } s ? new AnswerList(s.Items) : body;

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
        return new Num(value, dot >= 0 || e >= 0, SignificantDigits(digits, dot >= 0), e >= 0);
    }

    /// <summary>Significant digits of a literal's digit string: leading zeros never count, trailing zeros only after a point.</summary>
    private static int SignificantDigits(string digits, bool hasPoint)
    {
        var s = digits.TrimStart('0');
        if (!hasPoint) s = s.TrimEnd('0');
        return Math.Max(1, s.Length);
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
        else
        {
            argument = ParsePower();
            // "\cos 2t" is cos(2t): letters glued to the argument belong to it.
            // "\cos \pi t" is cos(πt) too.
            if (argument is Num && GluedSymbol(Current) || argument is Const { Name: "pi" } && Current.Kind == TokenKind.Letter)
            {
                var factors = new List<Expr> { argument };
                while (GluedSymbol(Current) || factors.Count == 1 && argument is Const && Current.Kind == TokenKind.Letter) factors.Add(ParsePower());
                argument = new Product(factors);
            }
        }
        if (name == "sqrt") return new Root(argument, new Num(new Rational(2, 1)));
        // "\sin^{-1} x" is arcsin x.
        if (power is Neg { Operand: Num { Value.IsInteger: true } one } && one.Value == Rational.One && name is "sin" or "cos" or "tan")
        {
            name = "arc" + name;
            power = null;
        }
        var args = argument is Bracket { Open: '(' } b && name is "gcd" or "lcm" or "max" or "min" ? b.Items : [argument];
        Expr call = name switch
        {
            "lg" => new Call("log", [argument, new Num(new Rational(10, 1))]),
            "log" when logBase is not null => new Call("log", [argument, logBase]),
            _ => new Call(name, args),
        };
        return power is null ? call : new Power(call, power);
    }

    /// <summary>A letter or Greek-letter command written right after the previous token ("2t", "2\theta").</summary>
    private static bool GluedSymbol(Token t) =>
        !t.SpaceBefore && (t.Kind == TokenKind.Letter
            || t.Kind == TokenKind.Command && !KnownCommands.Contains(t.Text) && !Functions.Contains(t.Text) && !t.Text.Contains(':', StringComparison.Ordinal));

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
