using System.Text;
using System.Text.RegularExpressions;

namespace ReasonFlux.Grading;

/// <summary>
/// String-level clean-up of an extracted answer before tokenizing: math delimiters, spacing commands,
/// doubly escaped backslashes, degree signs, dollar signs and trailing punctuation.
/// </summary>
internal static partial class AnswerCleaner
{
    public static string Clean(string answer)
    {
        var s = answer.Replace("\r", " ", StringComparison.Ordinal).Trim();
        // Answers copied out of JSON or Python strings often carry "\\frac": one backslash too many.
        // Not in matrices, where "\\" is the row break and may be followed by a letter.
        if (!s.Contains("matrix", StringComparison.Ordinal) && !s.Contains("array", StringComparison.Ordinal))
            s = DoubledBackslash().Replace(s, "\\");
        s = LiteralNewline().Replace(s, " ");
        s = StripDelimiters(s);
        foreach (var (from, to) in Replacements) s = s.Replace(from, to, StringComparison.Ordinal);
        s = Degrees().Replace(s, "");
        s = SpacingCommand().Replace(s, " ");
        s = s.Replace("\\$", "", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal);
        s = TrailingJunk().Replace(s, "");
        s = LeadingJunk().Replace(s, "");
        return s.Trim();
    }

    /// <summary>"1,22" and "0,111" written with a decimal comma (not thousands groups) as "1.22"; used for
    /// answers read from prose, where a list would have spaces.</summary>
    public static string DecimalCommaToPoint(string answer) =>
        DecimalComma().IsMatch(answer.Trim()) && !Thousands().IsMatch(answer.Trim()) ? answer.Trim().Replace(',', '.') : answer;

    /// <summary>Whitespace-free, lower-case form for the string comparison used when parsing fails.</summary>
    public static string Canonical(string answer)
    {
        var s = Clean(answer);
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
            if (!char.IsWhiteSpace(c) && c != '{' && c != '}') sb.Append(char.ToLowerInvariant(c));
        var t = sb.ToString();
        foreach (var cmd in new[] { "\\text", "\\mathrm", "\\textbf", "\\mbox", "\\left", "\\right" })
            t = t.Replace(cmd, "", StringComparison.Ordinal);
        return t;
    }

    private static string StripDelimiters(string s)
    {
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var (open, close) in Delimiters)
            {
                if (s.Length >= open.Length + close.Length && s.StartsWith(open, StringComparison.Ordinal) && s.EndsWith(close, StringComparison.Ordinal))
                {
                    s = s[open.Length..^close.Length].Trim();
                    changed = true;
                }
            }
        }
        return s;
    }

    private static readonly (string Open, string Close)[] Delimiters =
        [("$$", "$$"), ("$", "$"), ("\\[", "\\]"), ("\\(", "\\)"), ("\\begin{align*}", "\\end{align*}")];

    private static readonly (string From, string To)[] Replacements =
    [
        ("{,}", ","), ("\\!", ""), ("\\dfrac", "\\frac"), ("\\tfrac", "\\frac"), ("\\cfrac", "\\frac"),
        ("\\displaystyle", ""), ("\\%", "%"), ("−", "-"), ("×", "\\times "), ("÷", "\\div "),
        ("·", "\\cdot "), ("≤", "\\le "), ("≥", "\\ge "), ("≠", "\\ne "), ("∞", "\\infty "), ("π", "\\pi "), ("√", "\\sqrt "),
        ("±", "\\pm "), ("∪", "\\cup "), ("∈", "\\in "), ("²", "^2"), ("³", "^3"), ("…", "\\dots "), ("...", "\\dots "),
        ("&=", "="), ("\\end{align*}", ""), ("\\end{align}", ""),
    ];

    [GeneratedRegex(@"\\\\(?=[A-Za-z])")]
    private static partial Regex DoubledBackslash();

    [GeneratedRegex(@"\\n(?![a-zA-Z])|\\n(?=\\)")]
    private static partial Regex LiteralNewline();

    [GeneratedRegex(@"\^\s*\{?\s*\\circ\s*\}?|\\circ|°|\\degree")]
    private static partial Regex Degrees();

    [GeneratedRegex(@"(?<!\\)\\(,|;|:| |qquad|quad|enspace|thinspace|hfill|medskip)|~")]
    private static partial Regex SpacingCommand();

    [GeneratedRegex(@"(\s|\.|,|;|\\\\|\\$)+$")]
    private static partial Regex TrailingJunk();

    [GeneratedRegex(@"^(\s|:|,)+")]
    private static partial Regex LeadingJunk();

    [GeneratedRegex(@"^\d+,\d+$")]
    private static partial Regex DecimalComma();

    [GeneratedRegex(@"^[1-9]\d{0,2}(,\d{3})+$")]
    private static partial Regex Thousands();
}
