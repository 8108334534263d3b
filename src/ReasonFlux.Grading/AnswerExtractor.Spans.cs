using System.Text.RegularExpressions;

namespace ReasonFlux.Grading;

// Math spans, the last number and bare answers.
public static partial class AnswerExtractor
{
    private static (string Content, int End)? LastSpan(string text) => MathSpanScanner.Last(text);

    /// <summary>A text made of math spans with only connectors between them ("$a$ and $b$", "$21,16$ or $11$"),
    /// as one comma-separated list; null otherwise.</summary>
    private static string? SpanList(string text)
    {
        if (!text.StartsWith('$') || text.Length > 4000) return null;
        var parts = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var open = text.StartsWith("$$", StringComparison.Ordinal) && text.AsSpan(i).StartsWith("$$") ? "$$" : "$";
            if (!text.AsSpan(i).StartsWith(open)) return null;
            var close = text.IndexOf(open, i + open.Length, StringComparison.Ordinal);
            if (close < 0) return null;
            parts.Add(text[(i + open.Length)..close].Trim());
            i = close + open.Length;
            var next = text.IndexOf('$', i);
            var gap = next < 0 ? text[i..] : text[i..next];
            if (!IsConnectorGap(gap) && gap.Trim().TrimEnd('.') is { Length: > 0 }) return null;
            if (next < 0) break;
            i = next;
        }
        return parts.Count > 1 ? string.Join(", ", parts) : null;
    }

    private static (string Text, int End)? LastNumber(string text)
    {
        var clean = text.Replace("{,}", ",", StringComparison.Ordinal).Replace("\\!", "", StringComparison.Ordinal);
        var (index, length) = (-1, 0);
        foreach (var m in NumberPattern().EnumerateMatches(clean)) (index, length) = (m.Index, m.Length);
        if (index < 0) return null;
        // Positions in the cleaned copy are close enough to order spans and numbers.
        return (clean.AsSpan(index, length).Trim().ToString(), index + length + (text.Length - clean.Length));
    }

    /// <summary>Short text with no prose: a formula, a number, a few known unit words.</summary>
    internal static bool LooksBare(string text)
    {
        if (text.Length > 400) return false;
        var stripped = text.Contains('\\', StringComparison.Ordinal) ? TextGroup().Replace(text, " ") : text;
        if (stripped.Any(c => c > 127 && char.IsLetter(c))) return false;
        foreach (Match m in LetterRun().Matches(stripped))
        {
            var w = m.Value;
            if (w.Length < 3 || LatexTokenizer.Words.Contains(w) || m.Index > 0 && stripped[m.Index - 1] == '\\') continue;
            if (OrGlued().IsMatch(w)) continue;
            return false;
        }
        // "\mathrm{E}", "\text{Monday}": an answer that is all text group is still bare.
        return stripped.Trim().Length > 0 || (text.Trim().Length > 0 && text.Length <= 100 && !text.Contains(' ', StringComparison.Ordinal));
    }

    /// <summary>Formula-like text: no run of four or more letters that is not a command or a known word.</summary>
    private static bool ProseFree(string text)
    {
        if (text.Any(c => c > 127 && char.IsLetter(c))) return false;
        foreach (Match m in LetterRun().Matches(text))
        {
            if (m.Length < 4 || LatexTokenizer.Words.Contains(m.Value) || m.Index > 0 && text[m.Index - 1] == '\\') continue;
            return false;
        }
        return true;
    }

    // A number (thousands groups, decimals, a decimal comma, a fraction "2/3", a percent sign), never one inside a
    // script or a function label ("x^{-1}", "a_3", "f(1/5)").
    [GeneratedRegex(@"(?<![A-Za-z0-9_.,^]|\d/|[\^_]\{-?|[A-Za-z}]\(|[A-Za-z}]\(-)-?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+|,\d{1,2}(?!\d))?(?:/\d+(?![\d,]|\.\d))?(?:\s?%)?|(?<![\w.])\.\d+")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\\+(?:text|mbox|textbf|mathrm|textit|begin|end)\s*\{[^{}]*\}")]
    private static partial Regex TextGroup();

    [GeneratedRegex(@"^(or|and)[A-Z]")]
    private static partial Regex OrGlued();
}
