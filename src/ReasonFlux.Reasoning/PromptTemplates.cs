using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;

namespace ReasonFlux.Reasoning;

/// <summary>Prompt texts shipped as resource files under <c>Prompts/</c>, filled with <c>{name}</c> placeholders.</summary>
public static partial class PromptTemplates
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>The raw text of <c>Prompts/{name}.md</c>.</summary>
    public static string Get(string name) => Cache.GetOrAdd(name, static n =>
    {
        var assembly = typeof(PromptTemplates).Assembly;
        using var stream = assembly.GetManifestResourceStream($"ReasonFlux.Reasoning.Prompts.{n}.md")
            ?? throw new InvalidOperationException($"prompt resource '{n}' is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>
    /// Replaces each <c>{key}</c> of <paramref name="template"/> with its value in one pass, so a value that itself holds
    /// "{method}" or "{problem}" (LaTeX, a problem, a model's reply) is never filled again; braces that name no given key
    /// (JSON examples, LaTeX) stay as written.
    /// </summary>
    public static string Fill(string template, params (string Key, string Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        var lookup = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        return Placeholder().Replace(template, m => lookup.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
    }

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();
}
