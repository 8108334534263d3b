using System.Text.Json.Nodes;

namespace ReasonFlux.Reasoning.Flux;

/// <summary>
/// Reads the navigator's plan from its reply. Tolerant by design: JSON or a Python literal anywhere in the reply
/// (after thinking, fenced or among prose, with trailing commas or single quotes), or "Key: value" lines with a numbered
/// list of steps. Never throws: a reply without a usable plan gives an error saying what was missing.
/// </summary>
public static class TrajectoryParser
{
    private static readonly string[] CategoryKeys = ["generalknowledgecategory", "knowledgecategory", "category", "generalcategory"];
    private static readonly string[] DirectionKeys = ["specificdirection", "direction"];
    private static readonly string[] MethodKeys = ["appliedmethod", "method", "templatename", "template"];
    private static readonly string[] KnowledgeKeys = ["examinedknowledge", "knowledge", "knowledgepoints"];
    private static readonly string[] FlowKeys = ["reasonflow", "reasoningflow", "flow", "steps", "reasoningsteps"];

    /// <summary>The plan in <paramref name="reply"/>, or null with <paramref name="error"/> saying why not.</summary>
    public static Trajectory? Parse(string reply, out string error)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var sawObject = false;
        foreach (var node in LenientJson.Values(reply))
        {
            if (node is not JsonObject obj) continue;
            sawObject = true;
            if (FromObject(obj) is { } trajectory)
            {
                error = "";
                return trajectory;
            }
        }
        if (FromLines(StepList.AfterThinking(reply)) is { } fromLines)
        {
            error = "";
            return fromLines;
        }
        error = sawObject
            ? "the reply's JSON object has no non-empty 'reason_flow' list of steps"
            : "the reply holds no JSON object with the keys 'General Knowledge Category', 'Specific Direction', 'Applied Method', 'Examined Knowledge', 'reason_flow'";
        return null;
    }

    private static Trajectory? FromObject(JsonObject obj)
    {
        var fields = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (key, value) in obj) fields.TryAdd(Keys.Normalise(key), value);
        var steps = First(fields, FlowKeys) is { } flow ? StepList.FromNode(flow) ?? TextList(flow) : null;
        if (steps is not { Count: > 0 })
        {
            // Some navigators nest the plan one level down, e.g. {"trajectory": {...}}.
            foreach (var value in obj.Select(p => p.Value).OfType<JsonObject>())
            {
                if (FromObject(value) is { } nested) return nested;
            }
            return null;
        }
        return new Trajectory(
            Text(First(fields, CategoryKeys)),
            Text(First(fields, DirectionKeys)),
            Text(First(fields, MethodKeys)),
            First(fields, KnowledgeKeys) is { } k ? StepList.FromNode(k) ?? TextList(k) ?? [] : [],
            steps);
    }

    private static Trajectory? FromLines(string text)
    {
        string category = "", direction = "", method = "";
        var knowledge = new List<string>();
        var flowStart = -1;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim().TrimStart('#', '-', '*', ' ').Replace("**", "", StringComparison.Ordinal);
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) continue;
            var key = Keys.Normalise(line[..colon]);
            var value = line[(colon + 1)..].Trim();
            if (CategoryKeys.Contains(key)) category = value;
            else if (DirectionKeys.Contains(key)) direction = value;
            else if (MethodKeys.Contains(key)) method = value;
            else if (KnowledgeKeys.Contains(key) && value.Length > 0) knowledge.AddRange(value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            else if (FlowKeys.Contains(key))
            {
                flowStart = i + 1;
                break;
            }
        }
        if (flowStart < 0) return null;
        var steps = StepList.FromLines(string.Join('\n', lines[flowStart..]));
        return steps is null ? null : new Trajectory(category, direction, method, knowledge, steps);
    }

    private static JsonNode? First(Dictionary<string, JsonNode?> fields, string[] keys)
    {
        foreach (var key in keys)
        {
            if (fields.TryGetValue(key, out var value) && value is not null) return value;
        }
        return null;
    }

    private static string Text(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out string? s) => s.Trim(),
        JsonArray a => string.Join(", ", a.Select(Text)),
        null => "",
        _ => node.ToJsonString(),
    };

    // A flow written as one string with numbered lines inside.
    private static List<string>? TextList(JsonNode node) =>
        node is JsonValue v && v.TryGetValue(out string? s) ? StepList.FromLines(s)?.ToList() ?? (s.Trim().Length > 0 ? [s.Trim()] : null) : null;
}
