using System.Globalization;
using System.Text;

namespace ReasonFlux.Reasoning;

/// <summary>
/// Makes untrusted text (model output, data files) safe to print on a terminal. Only newline and tab pass as they are;
/// every other control character is shown instead of obeyed: C0 controls as their Unicode control pictures (ESC as ␛,
/// so an escape sequence cannot clear the screen, move the cursor over the answer, or write the clipboard with OSC 52),
/// CR LF becomes a plain newline, and C1 controls and bidirectional overrides (which reorder what is shown) become
/// <c>&lt;U+XXXX&gt;</c>. Each character is judged alone, so streamed pieces can be cleaned one by one.
/// </summary>
public static class TerminalText
{
    /// <summary>The text with every control character except newline and tab made visible.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var first = IndexOfUnsafe(text);
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') continue;
            if (!IsUnsafe(c)) sb.Append(c);
            else if (c < 0x20) sb.Append((char)(0x2400 + c));
            else if (c == 0x7F) sb.Append('\u2421');
            else sb.Append(CultureInfo.InvariantCulture, $"<U+{(int)c:X4}>");
        }
        return sb.ToString();
    }

    private static int IndexOfUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnsafe(text[i])) return i;
        }
        return -1;
    }

    private static bool IsUnsafe(char c) => c switch
    {
        '\n' or '\t' => false,
        < ' ' => true,
        >= '\u007F' and <= '\u009F' => true,
        // Bidirectional embeddings, overrides and isolates: they make a terminal show text in another order than it is.
        >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };
}
