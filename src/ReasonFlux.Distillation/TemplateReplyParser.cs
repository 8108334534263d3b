using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasonFlux.Reasoning.Flux;
using ReasonFlux.Templates;

namespace ReasonFlux.Distillation;

/// <summary>
/// Reads a thought template from a model reply however it is wrapped (lenient JSON: fences, prose, Python literals,
/// unescaped LaTeX), keeps only the official schema's fields with their strings cleaned of control characters, and
/// validates the result with the library's own loader.
/// </summary>
internal static class TemplateReplyParser
{
    /// <summary>Replies longer than this are cut before parsing: lenient parsing is not linear, and no template needs more.</summary>
    public const int MaxReplyChars = 64_000;

    private static readonly string[] SchemaFields = ["template_name", "template_type", "knowledge_tag", "description", "application_scenario", "reason_flow", "example_application"];

    public static TemplateReply Parse(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = reply.Length > MaxReplyChars ? reply[..MaxReplyChars] : reply;
        var found = LenientJson.Values(text).OfType<JsonObject>()
            .Select(o => (Object: o, Fields: SchemaFields.Count(o.ContainsKey)))
            .Where(x => x.Fields >= 3)
            .OrderByDescending(x => x.Fields)
            .Select(x => x.Object)
            .FirstOrDefault();
        if (found is null)
        {
            var why = text.Trim().Length == 0 ? "the reply is empty" : "no JSON object with the template fields (template_name, reason_flow, …) was found";
            return new TemplateReply(null, null, "", "", why, Unreadable: true);
        }

        var template = new JsonObject();
        foreach (var field in SchemaFields)
        {
            if (found.TryGetPropertyValue(field, out var value)) template[field] = Clean(value);
        }
        var chapter = Text(found["chapter"]);
        var section = Text(found["section"]);

        var document = new JsonObject { ["chapter"] = new JsonObject { ["section"] = new JsonArray(template.DeepClone()) } };
        try
        {
            var library = TemplateLibrary.Parse(JsonSerializer.SerializeToUtf8Bytes(document), "reply");
            return new TemplateReply(template, library.Templates[0], chapter, section, null, Unreadable: false);
        }
        catch (LibraryFormatException ex)
        {
            var problems = ex.Problems.Where(p => !p.IsWarning).Select(p => $"{Local(p.JsonPath)}: {p.Message}");
            return new TemplateReply(template, null, chapter, section, "schema: " + string.Join("; ", problems), Unreadable: false);
        }
    }

    /// <summary>A path inside the wrapper document as a path inside the template: <c>$.chapter.section[0].reason_flow</c> → <c>$.reason_flow</c>.</summary>
    private static string Local(string path)
    {
        const string Prefix = "$.chapter.section[0]";
        return path.StartsWith(Prefix, StringComparison.Ordinal) ? "$" + path[Prefix.Length..] : path;
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? CleanText(s).Trim() : "";

    /// <summary>A copy of the value with every string cleaned; model output may carry terminal escapes or other control characters.</summary>
    private static JsonNode? Clean(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => CleanObject(o),
        JsonArray a => new JsonArray([.. a.Select(Clean)]),
        JsonValue v when v.TryGetValue(out string? s) => JsonValue.Create(CleanText(s)),
        _ => node.DeepClone(),
    };

    private static JsonObject CleanObject(JsonObject o)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in o) copy[CleanText(key)] = Clean(value);
        return copy;
    }

    internal static string CleanText(string s)
    {
        if (!s.Any(IsUnsafe)) return s;
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (!IsUnsafe(c)) sb.Append(c);
        }
        return sb.ToString();
    }

    // Line breaks and tabs are text; every other control character (ESC above all) and the bidirectional overrides are not.
    private static bool IsUnsafe(char c) => (char.IsControl(c) && c is not ('\n' or '\t')) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
