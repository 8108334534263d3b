namespace ReasonFlux.Grading;

/// <summary>
/// True/false answers (TheoremQA-style golds): "True", "yes", "\text{False}", "No." read as one of two values, so a
/// reply saying "The answer is Yes." answers a gold "True". Only a whole answer counts, never a word inside prose.
/// </summary>
internal static class BooleanAnswer
{
    /// <summary>"True" or "False" for a text that is one yes/no word (surrounding spaces, **, quotes, a full stop or \text{} allowed); null otherwise.</summary>
    public static string? Value(string text)
    {
        if (text.Length > 24) return null;
        var s = text.Trim().Trim('*', '.', '!', '"', '\'', '$', ' ').ToLowerInvariant();
        if (s.StartsWith("\\text{", StringComparison.Ordinal) && s.EndsWith('}')) s = s[6..^1].Trim();
        else if (s.StartsWith("\\textbf{", StringComparison.Ordinal) && s.EndsWith('}')) s = s[8..^1].Trim();
        return s switch
        {
            "true" or "yes" => "True",
            "false" or "no" => "False",
            _ => null,
        };
    }
}
