using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ReasonFlux.Templates;

/// <summary>The official schema's fields: what each must hold, and how the variants map onto the normalised view.</summary>
internal static partial class TemplateFields
{
    public const string Name = "template_name";
    public const string Type = "template_type";
    public const string Tags = "knowledge_tag";
    public const string Description = "description";
    public const string Scenarios = "application_scenario";
    public const string Steps = "reason_flow";
    public const string Example = "example_application";

    // Spellings seen for the example's parts, in order of preference (compared ignoring case, spaces and underscores).
    private static readonly string[] ProblemKeys = ["exampleproblem", "examplequestion", "problem", "question", "title"];
    private static readonly string[] SolutionKeys = ["solutionsteps", "solutionprocess", "solvingprocess", "solution", "stepstosolve", "analysis", "illustration", "mnemonicapplication"];
    private static readonly string[] AnswerKeys = ["finalanswer", "answer", "answers", "conclusion"];

    public static void Check(JsonObject obj, string path, Action<string, string> error)
    {
        RequireString(obj, Name, path, error);
        RequireString(obj, Type, path, error);
        RequireString(obj, Description, path, error);
        RequireStringList(obj, Tags, path, error, allowString: false);
        RequireStringList(obj, Scenarios, path, error, allowString: true);
        RequireStringList(obj, Steps, path, error, allowString: false);

        var examplePath = JsonLocations.Child(path, Example);
        switch (obj[Example])
        {
            case null when !obj.ContainsKey(Example):
                error(examplePath, "missing required field");
                break;
            case JsonValue v when v.TryGetValue(out string? s):
                if (string.IsNullOrWhiteSpace(s)) error(examplePath, "must not be empty");
                break;
            case JsonObject o:
                if (o.Count == 0) error(examplePath, "must not be an empty object");
                break;
            case var other:
                error(examplePath, $"expected a string or an object, found {LibraryReader.Kind(other)}");
                break;
        }

        foreach (var optional in new[] { "chapter", "section", "file_path" })
        {
            if (obj.ContainsKey(optional) && !(obj[optional] is JsonValue v && v.GetValueKind() == JsonValueKind.String))
            {
                error(JsonLocations.Child(path, optional), $"expected a string, found {LibraryReader.Kind(obj[optional])}");
            }
        }
    }

    public static ThoughtTemplate Normalise(JsonObject obj, string chapter, string section, string id)
    {
        var (problem, solution, answer) = SplitExample(obj[Example]);
        return new ThoughtTemplate(
            id, chapter, section,
            Str(obj[Name]).Trim(), Str(obj[Type]).Trim(), List(obj[Tags]), Str(obj[Description]).Trim(),
            List(obj[Scenarios]), List(obj[Steps]), problem, solution, answer, obj);
    }

    /// <summary>A readable, stable slug of the template name (ASCII letters and digits joined by dashes).</summary>
    public static string Slug(JsonObject obj)
    {
        var name = Str(obj[Name]);
        var sb = new StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(c);
            else if (sb.Length > 0 && sb[^1] != '-') sb.Append('-');
            if (sb.Length >= 72) break;
        }
        var slug = sb.ToString().Trim('-');
        return slug.Length > 0 ? slug : "t" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..10];
    }

    private static void RequireString(JsonObject obj, string field, string path, Action<string, string> error)
    {
        var at = JsonLocations.Child(path, field);
        if (!obj.ContainsKey(field)) error(at, "missing required field");
        else if (obj[field] is not JsonValue v || !v.TryGetValue(out string? s)) error(at, $"expected a string, found {LibraryReader.Kind(obj[field])}");
        else if (string.IsNullOrWhiteSpace(s)) error(at, "must not be empty");
    }

    private static void RequireStringList(JsonObject obj, string field, string path, Action<string, string> error, bool allowString)
    {
        var at = JsonLocations.Child(path, field);
        var expected = allowString ? "expected a string or a list of strings" : "expected a list of strings";
        switch (obj[field])
        {
            case null when !obj.ContainsKey(field):
                error(at, "missing required field");
                break;
            case JsonValue v when allowString && v.TryGetValue(out string? s):
                if (string.IsNullOrWhiteSpace(s)) error(at, "must not be empty");
                break;
            case JsonArray list:
                if (list.Count == 0) error(at, "must not be an empty list");
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is not JsonValue item || !item.TryGetValue(out string? _))
                    {
                        error(JsonLocations.Child(at, i), $"{expected}: item is {LibraryReader.Kind(list[i])}");
                    }
                }
                break;
            case var other:
                error(at, $"{expected}, found {LibraryReader.Kind(other)}");
                break;
        }
    }

    private static string Str(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : "";

    private static string[] List(JsonNode? node) => node switch
    {
        JsonArray a => [.. a.Select(Str).Where(s => s.Length > 0)],
        JsonValue v when v.TryGetValue(out string? s) && s.Length > 0 => [s],
        _ => [],
    };

    /// <summary>Flattens any part of an example (string, list of steps, nested object) to text.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.TryGetValue(out string? s) => Unescape(s).Trim(),
        JsonArray a => string.Join('\n', a.Select(Text).Where(s => !string.IsNullOrEmpty(s))),
        JsonObject o => string.Join('\n', o.Select(p => $"{p.Key}: {Text(p.Value)}")),
        _ => node.ToJsonString(),
    };

    internal static (string? Problem, string? Solution, string? Answer) SplitExample(JsonNode? example)
    {
        if (example is JsonObject o)
        {
            var byKey = o.GroupBy(p => Key(p.Key)).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
            string? Pick(string[] keys) => keys.Select(k => byKey.TryGetValue(k, out var n) ? Text(n) : null).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s));
            return (Pick(ProblemKeys), Pick(SolutionKeys), Pick(AnswerKeys));
        }
        var text = Text(example);
        if (string.IsNullOrWhiteSpace(text)) return (null, null, null);

        // Prose examples read "Example (…): problem\n\nSolution steps: …"; split at the first solution heading.
        var label = LeadingLabel().Match(text);
        if (label.Success) text = text[label.Length..];
        var cut = SolutionHeading().Match(text);
        return cut.Success && cut.Index > 0
            ? (text[..cut.Index].Trim(), text[cut.Index..].Trim(), null)
            : (text.Trim(), null, null);
    }

    private static string Key(string key) => new([.. key.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    // Some strings of the official file carry a literal backslash-n where a line break was meant.
    private static string Unescape(string s) => s.Contains('\\', StringComparison.Ordinal) ? s.Replace("\\\\n", "\n", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal) : s;

    [GeneratedRegex(@"^\s*\**\s*(Example|Problem|Question)[^:\n]{0,60}?:\**\s*", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingLabel();

    [GeneratedRegex(@"(\n\s*\n)|(\n\s*\**\s*(Solution|Solving|Steps|Analysis|Proof|Answer)[^:\n]{0,30}:)|(\s\**(Solution|Solving|Analysis)[^:\n.]{0,30}:)", RegexOptions.IgnoreCase)]
    private static partial Regex SolutionHeading();
}
