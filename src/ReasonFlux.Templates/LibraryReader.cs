using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace ReasonFlux.Templates;

/// <summary>
/// Reads and validates a library document (chapter → section → list of templates), collecting every
/// problem rather than stopping at the first, and builds the normalised templates from the valid ones.
/// </summary>
internal static class LibraryReader
{
    /// <summary>
    /// What a read found. Problems get their line numbers on first use: locating them costs a second pass over the
    /// text, which a valid library with only warnings (the official file has seven duplicate names) never needs to pay
    /// at load time.
    /// </summary>
    public sealed class Result(IReadOnlyList<ThoughtTemplate> templates, Func<IReadOnlyList<LibraryProblem>> locate, bool hasErrors, JsonObject? document)
    {
        private readonly Lazy<IReadOnlyList<LibraryProblem>> _problems = new(locate);

        public Result(IReadOnlyList<ThoughtTemplate> templates, IReadOnlyList<LibraryProblem> problems, JsonObject? document)
            : this(templates, () => problems, problems.Any(p => !p.IsWarning), document) { }

        public IReadOnlyList<ThoughtTemplate> Templates => templates;
        public IReadOnlyList<LibraryProblem> Problems => _problems.Value;
        public JsonObject? Document => document;
        public bool HasErrors => hasErrors;
    }

    public static Result Read(ReadOnlySpan<byte> utf8, string file)
    {
        if (utf8.StartsWith("\uFEFF"u8)) utf8 = utf8[3..];
        if (utf8.Trim(" \r\n\t"u8).IsEmpty) return Fail(new LibraryProblem(file, "$", 1, "the file is empty"));

        // Line numbers cost a second pass over the text, so it only runs when there is something to report.
        JsonNode? root;
        try
        {
            if (!Utf8.IsValid(utf8)) throw new JsonException("invalid UTF-8");
            // Checked before the document is built: a 50 MB string would otherwise cost a gigabyte in copies.
            if (utf8.Length > MaxStringBytes && HasLongString(utf8)) throw new JsonException("a string over the limit");
            root = JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false });
        }
        catch (JsonException)
        {
            _ = JsonLocations.Scan(utf8, file, out var syntax);
            return Fail(syntax ?? new LibraryProblem(file, "$", 0, "not valid JSON"));
        }
        var pending = new List<(string Path, string Message, bool IsWarning)>();
        void Error(string path, string message) => pending.Add((path, message, false));

        if (root is not JsonObject chapters)
        {
            Error("$", $"expected an object of chapters (chapter → section → list of templates), found {Kind(root)}");
            return new Result([], Locate(utf8, file, pending), null);
        }
        if (chapters.Count == 0) Error("$", "the library has no chapters");

        var templates = new List<ThoughtTemplate>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var firstByName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (chapter, sectionsNode) in chapters)
        {
            var chapterPath = JsonLocations.Child("$", chapter);
            if (sectionsNode is not JsonObject sections)
            {
                Error(chapterPath, $"expected an object of sections, found {Kind(sectionsNode)}");
                continue;
            }
            foreach (var (section, listNode) in sections)
            {
                var sectionPath = JsonLocations.Child(chapterPath, section);
                if (listNode is not JsonArray list)
                {
                    Error(sectionPath, $"expected a list of templates, found {Kind(listNode)}");
                    continue;
                }
                for (var i = 0; i < list.Count; i++)
                {
                    var path = JsonLocations.Child(sectionPath, i);
                    if (list[i] is not JsonObject obj)
                    {
                        Error(path, $"expected a template object, found {Kind(list[i])}");
                        continue;
                    }
                    var before = pending.Count;
                    TemplateFields.Check(obj, path, Error);
                    if (pending.Count != before) continue;

                    var template = TemplateFields.Normalise(obj, chapter, section, UniqueId(TemplateFields.Slug(obj), ids));
                    if (firstByName.TryGetValue(template.Name, out var firstPath))
                    {
                        pending.Add((JsonLocations.Child(path, "template_name"),
                            $"duplicate template name \"{template.Name}\" (first at {firstPath}); kept as id {template.Id}", true));
                    }
                    else
                    {
                        firstByName[template.Name] = path;
                    }
                    templates.Add(template);
                }
            }
        }
        if (pending.Count == 0) return new Result(templates, [], chapters);
        var bytes = utf8.ToArray();
        return new Result(templates, () => Locate(bytes, file, pending), pending.Any(p => !p.IsWarning), chapters);
    }

    private static List<LibraryProblem> Locate(ReadOnlySpan<byte> utf8, string file, List<(string Path, string Message, bool IsWarning)> pending)
    {
        if (pending.Count == 0) return [];
        var locations = JsonLocations.Scan(utf8, file, out _);
        return [.. pending.Select(p => new LibraryProblem(file, p.Path, locations?.LineOf(p.Path) ?? 0, p.Message, p.IsWarning))];
    }

    private static Result Fail(LibraryProblem problem) => new([], [problem], null);

    /// <summary>The longest string (key or value, as stored in the file) a library may hold: 1 MiB; templates are a few KB.</summary>
    internal const int MaxStringBytes = 1 << 20;

    private static bool HasLongString(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueSpan.Length > MaxStringBytes) return true;
            }
        }
        catch (JsonException)
        {
            return false; // the parse reports the syntax error
        }
        return false;
    }

    private static string UniqueId(string slug, HashSet<string> taken)
    {
        var id = slug;
        for (var n = 2; !taken.Add(id); n++) id = $"{slug}-{n}";
        return id;
    }

    internal static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "a value",
        },
        _ => "a value",
    };
}
