namespace ReasonFlux.Reasoning.Direct;

/// <summary>The content of the last <c>\boxed{…}</c> in a text, braces balanced.</summary>
internal static class BoxedAnswer
{
    public static string? Last(string text)
    {
        var at = text.LastIndexOf("\\boxed{", StringComparison.Ordinal);
        if (at < 0) return null;
        var start = at + "\\boxed{".Length;
        var depth = 1;
        for (var i = start; i < text.Length; i++)
        {
            if (text[i] == '{') depth++;
            else if (text[i] == '}' && --depth == 0) return text[start..i].Trim();
        }
        return null;
    }
}
