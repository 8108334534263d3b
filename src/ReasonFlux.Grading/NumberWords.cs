namespace ReasonFlux.Grading;

/// <summary>English number words from zero to ninety-nine ("three", "Twenty-five") as digits.</summary>
internal static partial class NumberWords
{
    private static readonly string[] Units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>The last number word standing alone in the last 200 characters ("So there are three."); null when none.</summary>
    public static string? Last(string text)
    {
        var tail = text.Length > 200 ? text[^200..] : text;
        string? found = null;
        foreach (System.Text.RegularExpressions.ValueMatch m in Word().EnumerateMatches(tail)) found = Value(tail.Substring(m.Index, m.Length));
        return found;
    }

    /// <summary>The digits of a text that is one number word (surrounding spaces, a full stop, ** or \text{} allowed); null otherwise.</summary>
    public static string? Value(string text)
    {
        if (text.Length > 40) return null;
        var s = text.Trim().Trim('*', '.', '!', ' ').ToLowerInvariant();
        if (s.StartsWith("\\text{", StringComparison.Ordinal) && s.EndsWith('}')) s = s[6..^1].Trim();
        var unit = Array.IndexOf(Units, s);
        if (unit >= 0) return unit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var dash = s.IndexOfAny(['-', ' ']);
        var ten = Array.IndexOf(Tens, dash < 0 ? s : s[..dash]);
        if (ten < 2) return null;
        if (dash < 0) return (ten * 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var rest = Array.IndexOf(Units, s[(dash + 1)..]);
        return rest is >= 1 and <= 9 ? (ten * 10 + rest).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?i)(?<![A-Za-z-])(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?![A-Za-z-])")]
    private static partial System.Text.RegularExpressions.Regex Word();
}
