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
        // The regular expressions below all need a backslash (or a rare sign) to match: skip them when there is none.
        var hasBackslash = s.Contains('\\', StringComparison.Ordinal);
        // Answers copied out of JSON or Python strings often carry "\\frac": one backslash too many.
        // Not in matrices, where "\\" is the row break and may be followed by a letter.
        // Each pattern is run only when the text holds what it needs to match (a plain search is far cheaper).
        if (hasBackslash && s.Contains("\\\\", StringComparison.Ordinal) && !s.Contains("matrix", StringComparison.Ordinal) && !s.Contains("array", StringComparison.Ordinal))
            s = DoubledBackslash().Replace(s, "\\");
        if (hasBackslash && s.Contains("\\n", StringComparison.Ordinal)) s = LiteralNewline().Replace(s, " ");
        s = StripDelimiters(s);
        // Golds written as Python: "np.arcsin(10/13)", "math.sqrt(2)".
        if (s.Contains("np.", StringComparison.Ordinal) || s.Contains("math.", StringComparison.Ordinal)) s = PythonModule().Replace(s, "");
        if (s.AsSpan().IndexOfAny(GroupSeparatorStarts) >= 0) s = JoinDigitGroups(s);
        // Every pattern starts with one of these characters: most short answers hold none.
        if (s.AsSpan().IndexOfAny(ReplacementStarts) >= 0)
            foreach (var (from, to) in Replacements) s = s.Replace(from, to, StringComparison.Ordinal);
        hasBackslash = s.Contains('\\', StringComparison.Ordinal);
        if ((hasBackslash && (s.Contains("circ", StringComparison.Ordinal) || s.Contains("degree", StringComparison.Ordinal))) || s.Contains('°', StringComparison.Ordinal))
            s = Degrees().Replace(s, "");
        if ((hasBackslash && HasSpacingCommand(s)) || s.Contains('~', StringComparison.Ordinal)) s = SpacingCommand().Replace(s, " ");
        s = s.Replace("\\$", "", StringComparison.Ordinal).Replace("$", "", StringComparison.Ordinal);
        s = StripTrailingJunk(s);
        if (s.Length > 0 && (char.IsWhiteSpace(s[0]) || s[0] is ':' or ',')) s = LeadingJunk().Replace(s, "");
        return s.Trim();
    }

    private static readonly System.Buffers.SearchValues<char> GroupSeparatorStarts = System.Buffers.SearchValues.Create("\\{\u2009\u202F\u00A0°Å");

    /// <summary>Thousands written "10,\!455", "10{,}455", "10\,455" or with a thin space are one number; a unit
    /// after a degree sign (°C, °F) or an ångström sign is decoration.</summary>
    private static string JoinDigitGroups(string s)
    {
        s = DigitGroup().Replace(s, "$1");
        return UnitSign().Replace(s, "");
    }

    /// <summary>A gold "0,111" or "1,22" (a zero whole part, or one digit and two decimals) has a decimal comma;
    /// "1,3", "5,1", "11,13" and "2500,7500" are lists of answers.</summary>
    public static string GoldDecimalCommaToPoint(string answer)
    {
        var t = answer.Trim();
        var comma = t.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !DecimalComma().IsMatch(t) || Thousands().IsMatch(t)) return answer;
        return t[..comma] == "0" || comma == 1 && t.Length - comma - 1 == 2 ? t.Replace(',', '.') : answer;
    }

    /// <summary>"1,22" and "0,111" written with a decimal comma (not thousands groups) as "1.22"; used for
    /// answers read from prose, where a list would have spaces.</summary>
    public static string DecimalCommaToPoint(string answer) =>
        DecimalComma().IsMatch(answer.Trim()) && !Thousands().IsMatch(answer.Trim()) ? answer.Trim().Replace(',', '.') : answer;

    /// <summary>Whitespace-free, lower-case form for the string comparison used when parsing fails.</summary>
    public static string Canonical(string answer) => CanonicalOfCleaned(Clean(answer));

    /// <summary><see cref="Canonical"/> of an answer already passed through <see cref="Clean"/>.</summary>
    public static string CanonicalOfCleaned(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
            if (!char.IsWhiteSpace(c) && c != '{' && c != '}') sb.Append(char.ToLowerInvariant(c));
        var t = sb.ToString();
        if (!t.Contains('\\', StringComparison.Ordinal)) return t;
        foreach (var cmd in CanonicalDropped) t = t.Replace(cmd, "", StringComparison.Ordinal);
        return t;
    }

    private static readonly string[] CanonicalDropped = ["\\text", "\\mathrm", "\\textbf", "\\mbox", "\\left", "\\right"];

    /// <summary>Runs <see cref="TrailingJunk"/> on the tail of junk characters only: on a long text the pattern,
    /// tried from every space and full stop, costs a hundred microseconds per kilobyte. Every match lies in that
    /// tail, so the result is the same.</summary>
    private static string StripTrailingJunk(string s)
    {
        var k = s.Length;
        while (k > 0 && (char.IsWhiteSpace(s[k - 1]) || s[k - 1] is '.' or ',' or ';' or '\\')) k--;
        return k == s.Length ? s : string.Concat(s.AsSpan(0, k), TrailingJunk().Replace(s[k..], ""));
    }

    /// <summary>A backslash followed by what <see cref="SpacingCommand"/> may match after one.</summary>
    private static bool HasSpacingCommand(string s)
    {
        for (var i = s.IndexOf('\\', StringComparison.Ordinal); i >= 0 && i + 1 < s.Length; i = s.IndexOf('\\', i + 1))
            if (s[i + 1] is ',' or ';' or ':' or ' ' or 'q' or 'e' or 't' or 'h' or 'm') return true;
        return false;
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
        ("±", "\\pm "), ("∪", "\\cup "), ("∈", "\\in "), ("⁻¹", "^{-1}"), ("⁻²", "^{-2}"), ("⁻³", "^{-3}"), ("²", "^2"), ("³", "^3"), ("…", "\\dots "), ("...", "\\dots "),
        ("&=", "="), ("\\end{align*}", ""), ("\\end{align}", ""),
    ];

    private static readonly System.Buffers.SearchValues<char> ReplacementStarts =
        System.Buffers.SearchValues.Create(string.Concat(Replacements.Select(r => r.From[0])));

    [GeneratedRegex(@"(\d)(?:,\s*\\!\s*|\s*\{\s*,\s*\}\s*|\\[,;: ]\s*|[\u2009\u202F\u00A0])(?=\d{3}(?!\d))")]
    private static partial Regex DigitGroup();

    [GeneratedRegex(@"(?:°|\^\s*\{?\s*\\circ\s*\}?)\s*(?:\\(?:mathrm|text|rm)\s*)?\{?\s*[CFK]\s*\}?(?![A-Za-z])|\\AA(?![A-Za-z])|Å")]
    private static partial Regex UnitSign();

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

    [GeneratedRegex(@"\b(?:np|numpy|math|sympy|sp)\.(?=[a-z])")]
    private static partial Regex PythonModule();

    [GeneratedRegex(@"^\d+,\d+$")]
    private static partial Regex DecimalComma();

    [GeneratedRegex(@"^[1-9]\d{0,2}(,\d{3})+$")]
    private static partial Regex Thousands();
}
