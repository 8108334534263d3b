using System.Buffers;

namespace ReasonFlux.Grading;

/// <summary>
/// Finds the outermost <c>\boxed{…}</c>/<c>\fbox{…}</c> groups of a reply in one left-to-right pass: each box's
/// closing brace is found by a brace-depth walk that never restarts, so 20,000 nested or repeated boxes cost one
/// scan and no copies (a box's text is cut out only once it is chosen). A box left unclosed runs to the end.
/// </summary>
internal static class BoxScanner
{
    /// <summary>A box: where its command starts, and the range of its argument.</summary>
    internal readonly record struct Box(int Start, int ContentStart, int ContentEnd, int End)
    {
        public string Content(string text) => text[ContentStart..ContentEnd];

        public bool IsEmpty(string text) => text.AsSpan(ContentStart, ContentEnd - ContentStart).IsWhiteSpace();
    }

    private static readonly SearchValues<string> Commands = SearchValues.Create(["\\boxed", "\\fbox"], StringComparison.Ordinal);

    /// <summary>The outermost boxes in order (a box inside another is part of the outer one's content).</summary>
    public static List<Box> Outermost(string text)
    {
        var boxes = new List<Box>();
        var i = 0;
        while (i < text.Length)
        {
            var at = text.AsSpan(i).IndexOfAny(Commands);
            if (at < 0) break;
            var start = i + at;
            var nameEnd = start + (text[start + 1] == 'b' ? "\\boxed".Length : "\\fbox".Length);
            if (nameEnd < text.Length && char.IsAsciiLetter(text[nameEnd])) { i = nameEnd; continue; }
            // "\\boxed" copied out of a JSON string: the extra backslashes belong to the command.
            var first = start;
            while (first > i && text[first - 1] == '\\') first--;
            var box = Argument(text, first, nameEnd);
            if (box is { } b)
            {
                boxes.Add(b);
                i = Math.Max(b.End, nameEnd);
            }
            else
            {
                i = nameEnd;
            }
        }
        return boxes;
    }

    /// <summary>"\boxed{\boxed{x}}" is the box of x: peels nested boxes that are a box's whole content, in one pass
    /// (the peeled levels are counted first, then the rest is checked to be balanced once).</summary>
    public static Box Innermost(string text, Box box)
    {
        int start = box.ContentStart, end = box.ContentEnd, levels = 0;
        while (true)
        {
            var s = start;
            while (s < end && char.IsWhiteSpace(text[s])) s++;
            var prefix = text.AsSpan(s, end - s).StartsWith("\\boxed{") ? "\\boxed{".Length : text.AsSpan(s, end - s).StartsWith("\\fbox{") ? "\\fbox{".Length : 0;
            var e = end;
            while (e > s && char.IsWhiteSpace(text[e - 1])) e--;
            if (prefix == 0 || e <= s + prefix || text[e - 1] != '}') break;
            (start, end) = (s + prefix, e - 1);
            levels++;
        }
        if (levels == 0 || !Balanced(text, start, end)) return box;
        return box with { ContentStart = start, ContentEnd = end };
    }

    private static bool Balanced(string text, int from, int to)
    {
        var level = 0;
        for (var k = from; k < to; k++)
        {
            if (text[k] == '\\' && k + 1 < to && text[k + 1] is '{' or '}') { k++; continue; }
            if (text[k] == '{') level++;
            else if (text[k] == '}' && --level < 0) return false;
        }
        return level == 0;
    }

    private static Box? Argument(string text, int start, int i)
    {
        while (i < text.Length && text[i] == ' ') i++;
        if (i >= text.Length) return null;
        if (text[i] != '{')
        {
            // \boxed 5
            var j = i;
            while (j < text.Length && !char.IsWhiteSpace(text[j]) && text[j] != '$') j++;
            return j > i ? new Box(start, i, j, j) : null;
        }
        var level = 0;
        for (var k = i; k < text.Length; k++)
        {
            var c = text[k];
            if (c == '\\' && k + 1 < text.Length && text[k + 1] is '{' or '}') { k++; continue; }
            if (c == '{') level++;
            else if (c == '}' && --level == 0) return new Box(start, i + 1, k, k + 1);
        }
        return new Box(start, i + 1, text.Length, text.Length); // unclosed: the rest
    }
}
