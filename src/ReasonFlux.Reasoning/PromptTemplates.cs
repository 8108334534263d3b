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

    /// <summary>
    /// Replaces each <c>{key}</c> of <paramref name="template"/> with its value in one pass, so a value that itself holds
    /// "{method}" or "{problem}" (LaTeX, a problem, a model's reply) is never filled again; braces that name no given key
    /// (JSON examples, LaTeX) stay as written.
    /// </summary>
    public static string Fill(string template, params (string Key, string Value)[] values)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(values);
        for (var i = 0; i < values.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (values[i].Key == values[j].Key) throw new ArgumentException($"the key '{values[i].Key}' is given twice", nameof(values));
            }
        }
        // One left-to-right scan for {name} with name in [a-z_]+ (a few keys, so a linear lookup): every solve fills
        // prompts, and a regex with a dictionary cost more than the rest of the prompt building.
        var text = template.AsSpan();
        System.Text.StringBuilder? filled = null;
        var copied = 0;
        var open = text.IndexOf('{');
        while (open >= 0)
        {
            var end = open + 1;
            while (end < text.Length && (char.IsAsciiLetterLower(text[end]) || text[end] == '_')) end++;
            if (end > open + 1 && end < text.Length && text[end] == '}' && Find(values, text[(open + 1)..end]) is { } value)
            {
                filled ??= new System.Text.StringBuilder(template.Length + values.Sum(v => v.Value?.Length ?? 0));
                filled.Append(text[copied..open]).Append(value);
                copied = end + 1;
            }
            var next = text[(open + 1)..].IndexOf('{');
            open = next < 0 ? -1 : open + 1 + next;
        }
        return filled is null ? template : filled.Append(text[copied..]).ToString();
    }

    private static string? Find((string Key, string Value)[] values, ReadOnlySpan<char> key)
    {
        foreach (var (k, v) in values)
        {
            if (key.SequenceEqual(k)) return v;
        }
        return null;
    }
}
