namespace ReasonFlux.Grading;

/// <summary>Turns a cleaned answer into tokens. Never throws: unknown characters become symbols the parser rejects.</summary>
internal static class LatexTokenizer
{
    /// <summary>Commands whose braced argument is plain text.</summary>
    private static readonly HashSet<string> TextCommands = new(StringComparer.Ordinal)
    { "text", "textbf", "textit", "textrm", "textnormal", "mbox", "mathrm", "emph", "textup", "textsf", "texttt", "hbox" };

    /// <summary>Commands with no meaning for the value of an answer.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "left", "right", "bigl", "bigr", "Bigl", "Bigr", "big", "Big", "bigg", "Bigg", "biggl", "biggr", "displaystyle",
        "limits", "nolimits", "mathbf", "boldsymbol", "bm", "mathit", "mathsf", "mathbb", "mathcal", "textstyle", "scriptstyle",
        "quad", "qquad", "middle", "vec", "overrightarrow", "overline", "hat", "bar", "tilde", "widehat", "underline", "dot", "ddot",
        "phantom", "mathord", "mathop", "relax", "noindent", "newline", "tag", "nonumber", "boxed", "fbox", "ensuremath",
    };

    /// <summary>Known commands that a following letter may be glued to (<c>\quadx</c>, <c>\cdotx</c>).</summary>
    private static readonly string[] GluePrefixes = ["qquad", "quad", "cdot", "times", "infty", "pi", "pm", "div", "ge", "le"];

    /// <summary>Multi-letter words kept whole; everything else splits into single-letter variables.</summary>
    internal static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "log", "ln", "lg",
        "exp", "sqrt", "abs", "gcd", "lcm", "det", "max", "min", "mod", "and", "or", "percent", "percentage", "pct",
        "cm", "mm", "km", "kg", "mg", "ml", "meters", "meter", "metres", "inches", "inch", "feet", "foot", "ft", "yards",
        "miles", "mph", "yuan", "dollars", "dollar", "cents", "cent", "units", "unit", "degrees", "degree", "hours", "hour",
        "hrs", "minutes", "minute", "mins", "min", "seconds", "second", "sec", "days", "day", "weeks", "years", "year",
        "sq", "square", "cubic", "liters", "litres", "grams", "pounds", "lbs", "ounces", "oz", "points", "people", "ways",
        "infinity", "inf", "oo", "pi",
    };

    public static List<Token> Tokenize(string s)
    {
        // At most about one token per character (letters split into one each): sized so the list rarely grows.
        var tokens = new List<Token>(s.Length + 2);
        var depth = 0;
        var i = 0;
        var space = false;
        var newline = false;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c))
            {
                space = true;
                if (c == '\n') newline = true;
                i++;
                continue;
            }
            var start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1])))
            {
                i = ReadNumber(s, i, depth == 0);
                Add(new Token(TokenKind.Number, s[start..i].Replace(",", "", StringComparison.Ordinal), start));
            }
            else if (char.IsAsciiLetter(c))
            {
                while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
                AddLetters(s[start..i], start);
            }
            else if (c == '\\')
            {
                i = ReadCommand(s, i, ref depth);
            }
            else
            {
                i++;
                var text = CharText(c);
                if (i < s.Length && ((c is '<' or '>' or '!' or '=') && s[i] == '=' || c == '-' && s[i] == '>'))
                    text += s[i++];
                if (c is '(' or '[' or '{') depth++;
                if (c is ')' or ']' or '}') depth--;
                Add(new Token(TokenKind.Symbol, text, start));
            }
        }
        tokens.Add(new Token(TokenKind.End, "", s.Length, space));
        return tokens;

        void Add(Token t)
        {
            tokens.Add(t with { SpaceBefore = space, NewlineBefore = newline });
            space = false;
            newline = false;
        }

        void AddLetters(string run, int at)
        {
            if (Words.Contains(run)) { Add(new Token(TokenKind.Word, run, at)); return; }
            // "1orW(x)": a connector glued to the next answer.
            foreach (var connector in (ReadOnlySpan<string>)["or", "and"])
            {
                if (run.Length > connector.Length && run.StartsWith(connector, StringComparison.Ordinal) && char.IsAsciiLetterUpper(run[connector.Length]))
                {
                    Add(new Token(TokenKind.Word, connector, at));
                    AddLetters(run[connector.Length..], at + connector.Length);
                    return;
                }
            }
            for (var k = 0; k < run.Length; k++) Add(new Token(TokenKind.Letter, CharText(run[k]), at + k));
        }

        int ReadCommand(string text, int at, ref int depthRef)
        {
            var j = at + 1;
            if (j >= text.Length) return j;
            if (!char.IsAsciiLetter(text[j]))
            {
                var sym = text[j];
                switch (sym)
                {
                    case '{': depthRef++; Add(new Token(TokenKind.Symbol, "\\{", at)); break;
                    case '}': depthRef--; Add(new Token(TokenKind.Symbol, "\\}", at)); break;
                    case '\\': Add(new Token(TokenKind.Symbol, "\\\\", at)); break;
                    case '|': Add(new Token(TokenKind.Symbol, "|", at)); break;
                    case '%': Add(new Token(TokenKind.Symbol, "%", at)); break;
                    default: break; // \, \; \! \$ and friends: spacing or noise
                }
                return j + 1;
            }
            var end = j;
            while (end < text.Length && char.IsAsciiLetter(text[end])) end++;
            var name = text[j..end];
            if (TextCommands.Contains(name) || name == "operatorname")
            {
                var (content, after) = ReadGroup(text, end);
                if (name == "operatorname") AddLetters(content.Trim(), end);
                else Add(new Token(TokenKind.TextBlock, content, at));
                return after;
            }
            if (name is "begin" or "end")
            {
                var (env, after) = ReadGroup(text, end);
                if (name == "begin" && env.StartsWith("array", StringComparison.Ordinal)) (_, after) = ReadGroup(text, after);
                Add(new Token(TokenKind.Command, name + ":" + env.Trim().TrimEnd('*'), at));
                return after;
            }
            if (Ignored.Contains(name)) return end;
            if (!IsKnown(name))
            {
                foreach (var prefix in GluePrefixes)
                {
                    if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
                    {
                        if (prefix is not ("quad" or "qquad")) Add(new Token(TokenKind.Command, prefix, at));
                        AddLetters(name[prefix.Length..], at + 1 + prefix.Length);
                        return end;
                    }
                }
            }
            Add(new Token(TokenKind.Command, name, at));
            return end;
        }
    }

    /// <summary>One-character token texts, shared rather than allocated per token.</summary>
    private static readonly string[] AsciiText = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();

    private static string CharText(char c) => c < 128 ? AsciiText[c] : c.ToString();

    internal static bool IsKnown(string command) => ExpressionParser.KnownCommands.Contains(command);

    private static int ReadNumber(string s, int i, bool topLevel)
    {
        var start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        // Thousands separators only at top level, where "(1,234)" cannot be a point.
        if (topLevel && i - start is >= 1 and <= 3 && s[start] != '0')
        {
            var j = i;
            while (j < s.Length && s[j] == ',' && HasDigits(s, j + 1, 3) && (j + 4 >= s.Length || !char.IsAsciiDigit(s[j + 4])))
                j += 4;
            i = j;
        }
        if (i + 1 < s.Length && s[i] == '.' && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
        // "-1./3", Python's float: a point right after the digits and before an operator ends the number.
        else if (i + 1 < s.Length && s[i] == '.' && i > start && s[i + 1] is '/' or '*' or ')' or '+' or '-' or ',') i++;
        // Scientific notation: 1.5e-3, 2E10.
        if (i + 1 < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            var j = i + 1;
            if (j < s.Length && (s[j] == '-' || s[j] == '+')) j++;
            var digits = j;
            while (j < s.Length && char.IsAsciiDigit(s[j])) j++;
            if (j > digits && (j >= s.Length || !char.IsAsciiLetter(s[j]))) i = j;
        }
        return i;
    }

    private static bool HasDigits(string s, int from, int count)
    {
        if (from + count > s.Length) return false;
        for (var k = from; k < from + count; k++) if (!char.IsAsciiDigit(s[k])) return false;
        return true;
    }

    /// <summary>Reads a balanced <c>{…}</c> group starting at <paramref name="i"/> (after optional spaces).</summary>
    private static (string Content, int After) ReadGroup(string s, int i)
    {
        var j = i;
        while (j < s.Length && s[j] == ' ') j++;
        if (j >= s.Length || s[j] != '{') return ("", i);
        var level = 0;
        for (var k = j; k < s.Length; k++)
        {
            if (s[k] == '\\' && k + 1 < s.Length) { k++; continue; }
            if (s[k] == '{') level++;
            else if (s[k] == '}' && --level == 0) return (s[(j + 1)..k], k + 1);
        }
        return (s[(j + 1)..], s.Length);
    }
}
