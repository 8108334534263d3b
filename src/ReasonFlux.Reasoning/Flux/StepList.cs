using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ReasonFlux.Reasoning.Flux;

/// <summary>Reads a list of steps from a reply: a JSON (or Python) list, a list under a known key, or numbered/bulleted lines.</summary>
internal static partial class StepList
{
    private static readonly string[] ListKeys = ["reasonflow", "reasoningflow", "flow", "steps", "remainingsteps", "newsteps", "adjustedflow"];

    /// <summary>The steps, or null when the reply holds no list.</summary>
    public static IReadOnlyList<string>? Parse(string reply)
    {
        foreach (var node in LenientJson.Values(reply))
        {
            if (FromNode(node) is { Count: > 0 } steps) return steps;
        }
        return FromLines(AfterThinking(reply));
    }

    /// <summary>Steps from a JSON array (items as strings or objects), or from an object's first list under a known key.</summary>
    public static IReadOnlyList<string>? FromNode(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                var steps = array.Select(ItemText).Where(t => t.Length > 0).ToList();
                return steps.Count > 0 ? steps : null;
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (value is JsonArray && ListKeys.Contains(Keys.Normalise(key))) return FromNode(value);
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>Numbered ("1.", "1)", "Step 1:") or bulleted lines; lines that follow an item continue it.</summary>
    public static IReadOnlyList<string>? FromLines(string text)
    {
        var steps = new List<string>();
        var inList = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var match = ItemLine().Match(line);
            if (match.Success)
            {
                steps.Add(Clean(match.Groups["text"].Value));
                inList = true;
            }
            else if (line.Length == 0 || line.StartsWith("```", StringComparison.Ordinal)) inList = inList && line.Length == 0 && steps.Count > 0;
            else if (inList) steps[^1] = (steps[^1] + " " + Clean(line)).Trim();
        }
        steps.RemoveAll(s => s.Length == 0);
        return steps.Count > 0 ? steps : null;
    }

    public static string AfterThinking(string reply)
    {
        var close = reply.LastIndexOf("</think>", StringComparison.Ordinal);
        return close < 0 ? reply : reply[(close + "</think>".Length)..];
    }

    private static string ItemText(JsonNode? item) => item switch
    {
        JsonValue v when v.TryGetValue(out string? s) => Clean(s),
        JsonValue v => v.ToJsonString(),
        JsonObject o => Clean(string.Join(": ", o.Select(p => p.Value is JsonValue pv && pv.TryGetValue(out string? ps) ? ps : p.Value?.ToJsonString() ?? "").Where(x => x.Length > 0))),
        JsonArray a => Clean(string.Join(" ", a.Select(ItemText))),
        _ => "",
    };

    // Strips a leading "Step 3:" or "3." the model repeated inside a list item, and markdown bold.
    private static string Clean(string text) => LeadingNumber().Replace(text.Replace("**", "", StringComparison.Ordinal).Trim(), "").Trim();

    [GeneratedRegex(@"^(?:[-*•+]\s+|(?:\*\*)?(?:step\s*)?\d{1,2}\s*[.):\-]\s*(?:\*\*)?\s*)(?<text>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex ItemLine();

    [GeneratedRegex(@"^(?:step\s*)?\d{1,2}\s*[.):]\s+", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingNumber();
}
