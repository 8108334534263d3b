namespace ReasonFlux.Grading;

/// <summary>
/// Finds math spans — <c>$$…$$</c>, <c>$…$</c> (no escaped dollar at either end), <c>\[…\]</c>, <c>\(…\)</c> — left
/// to right without overlap, as the pattern <c>\$\$(.+?)\$\$|(?&lt;!\\)\$([^$]+?)(?&lt;!\\)\$|\\\[(.+?)\\\]|\\\((.+?)\\\)</c>
/// (dot matching newlines) would, but in linear time: a closing delimiter that is absent past some position is
/// remembered as absent, where the pattern would search for it again from every opening one. No regex set-up
/// (and no match timeout, whose clock read cost more than a short scan) either.
/// </summary>
internal static class MathSpanScanner
{
    /// <summary>The last span: its content and the index just past its closing delimiter; null when there is none.</summary>
    public static (string Content, int End)? Last(string text)
    {
        (int Start, int Length, int End)? last = null;
        // Positions from which each closing delimiter is known to be absent.
        int noDouble = int.MaxValue, noBracket = int.MaxValue, noParen = int.MaxValue;
        var i = text.AsSpan().IndexOfAny('$', '\\');
        while (i >= 0 && i < text.Length - 1)
        {
            var next = Match(text, i, ref noDouble, ref noBracket, ref noParen);
            if (next is { } m)
            {
                last = m;
                i = m.End;
            }
            else
            {
                i++;
            }
            if (i >= text.Length) break;
            var skip = text.AsSpan(i).IndexOfAny('$', '\\');
            i = skip < 0 ? -1 : i + skip;
        }
        return last is { } l ? (text.Substring(l.Start, l.Length), l.End) : null;
    }

    private static (int Start, int Length, int End)? Match(string s, int i, ref int noDouble, ref int noBracket, ref int noParen)
    {
        if (s[i] == '$')
        {
            if (s[i + 1] == '$' && Closing(s, "$$", i + 3, ref noDouble) is var close && close >= 0) return (i + 2, close - i - 2, close + 2);
            if (i > 0 && s[i - 1] == '\\') return null;
            // [^$]+? cannot pass a dollar: the span closes at the next one, unless that one is escaped or adjacent.
            // An escaped dollar inside ("\\frac12 \\$ = 3") does not close it.
            var k = s.IndexOf('$', i + 1);
            while (k > 0 && s[k - 1] == '\\') k = s.IndexOf('$', k + 1);
            if (k < i + 2) return null;
            return (i + 1, k - i - 1, k + 1);
        }
        if (s[i + 1] == '[' && Closing(s, "\\]", i + 3, ref noBracket) is var bracket && bracket >= 0) return (i + 2, bracket - i - 2, bracket + 2);
        if (s[i + 1] == '(' && Closing(s, "\\)", i + 3, ref noParen) is var paren && paren >= 0) return (i + 2, paren - i - 2, paren + 2);
        return null;
    }

    private static int Closing(string s, string delimiter, int from, ref int absentFrom)
    {
        if (from >= absentFrom || from > s.Length) return -1;
        var at = s.IndexOf(delimiter, from, StringComparison.Ordinal);
        if (at < 0) absentFrom = from;
        return at;
    }
}
