using System.Text.RegularExpressions;

namespace ReasonFlux.Reasoning.Flux;

/// <summary>Fills the <c>flux.*</c> prompt files.</summary>
internal static partial class FluxPrompts
{
    /// <summary>
    /// Replaces each <c>{key}</c> in one pass, so a value that itself contains "{step}" or "{problem}" (LaTeX, a student's
    /// reply) is never filled again; unknown braces (JSON examples, LaTeX) stay as written.
    /// </summary>
    public static string Fill(string name, params (string Key, string Value)[] values)
    {
        var lookup = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        return Placeholder().Replace(PromptTemplates.Get(name), m => lookup.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value).Trim();
    }

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();
}
