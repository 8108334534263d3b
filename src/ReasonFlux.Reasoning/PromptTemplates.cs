using System.Collections.Concurrent;
using System.Reflection;

namespace ReasonFlux.Reasoning;

/// <summary>Prompt texts shipped as resource files under <c>Prompts/</c>, filled with <c>{name}</c> placeholders.</summary>
public static class PromptTemplates
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

    /// <summary>Replaces each <c>{key}</c> in the template with its value.</summary>
    public static string Fill(string template, params (string Key, string Value)[] values)
    {
        foreach (var (key, value) in values) template = template.Replace("{" + key + "}", value, StringComparison.Ordinal);
        return template;
    }
}
