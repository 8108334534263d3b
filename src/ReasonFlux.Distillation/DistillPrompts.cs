using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace ReasonFlux.Distillation;

/// <summary>The <c>distill.*</c> prompt files embedded under <c>Prompts/</c>.</summary>
internal static partial class DistillPrompts
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The prompt with each <c>{key}</c> replaced in one pass, so a value that itself holds "{problem}" (LaTeX, a solution)
    /// is never filled again; other braces stay as written.
    /// </summary>
    public static string Fill(string name, params (string Key, string Value)[] values)
    {
        var lookup = values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        return Placeholder().Replace(Get(name), m => lookup.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value).Trim();
    }

    private static string Get(string name) => Cache.GetOrAdd(name, static n =>
    {
        var assembly = typeof(DistillPrompts).Assembly;
        using var stream = assembly.GetManifestResourceStream($"ReasonFlux.Distillation.Prompts.{n}.md")
            ?? throw new InvalidOperationException($"prompt resource '{n}' is not embedded in {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex Placeholder();
}
