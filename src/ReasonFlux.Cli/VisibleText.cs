using System.Globalization;
using System.Text;

namespace ReasonFlux.Cli;

/// <summary>
/// Makes untrusted text (model replies, data files) safe to print on one terminal line: control characters become
/// their Unicode "control picture" (newline prints as ␊, escape as ␛), invisible format characters such as bidi
/// overrides and lone surrogates print as &lt;U+XXXX&gt;, and long text is cut with a note of its length.
/// </summary>
internal static class VisibleText
{
    public static string Of(string text, int maxChars = 200)
    {
        var cut = text.Length > maxChars;
        var shown = cut ? text.AsSpan(0, maxChars) : text.AsSpan();
        var sb = new StringBuilder(shown.Length + 16);
        for (var i = 0; i < shown.Length; i++)
        {
            var c = shown[i];
            if (char.IsHighSurrogate(c) && i + 1 < shown.Length && char.IsLowSurrogate(shown[i + 1]))
            {
                sb.Append(c).Append(shown[++i]);
                continue;
            }
            if (c < 0x20) sb.Append((char)(0x2400 + c));
            else if (c == 0x7F) sb.Append('\u2421');
            else if (NeedsCodePoint(c)) sb.Append("<U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('>');
            else sb.Append(c);
        }
        if (cut) sb.Append(CultureInfo.InvariantCulture, $"… ({text.Length} chars)");
        return sb.ToString();
    }

    private static bool NeedsCodePoint(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
