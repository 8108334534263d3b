using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReasonFlux.Templates;

/// <summary>
/// A thought-template library in the official schema (chapter → section → list of templates), loaded and
/// validated. Every template gets a stable id, so templates sharing a name stay retrievable.
/// </summary>
public sealed class TemplateLibrary
{
    private const string StarterResource = "ReasonFlux.Templates.starter_library.json";
    private readonly Dictionary<string, ThoughtTemplate> _byId;
    private readonly Lazy<string> _contentHash;

    private readonly Func<IReadOnlyList<LibraryProblem>> _warnings;

    private TemplateLibrary(IReadOnlyList<ThoughtTemplate> templates, Func<IReadOnlyList<LibraryProblem>> warnings, string source, string? contentHash = null)
    {
        Templates = templates;
        _warnings = warnings;
        Source = source;
        _byId = templates.ToDictionary(t => t.Id, StringComparer.Ordinal);
        _contentHash = contentHash is not null ? new Lazy<string>(contentHash) : new Lazy<string>(() => Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(ToDocument(), JsonText.Options))));
    }

    /// <summary>The templates in file order.</summary>
    public IReadOnlyList<ThoughtTemplate> Templates { get; }

    /// <summary>Findings that do not make the library invalid, such as duplicate names.</summary>
    public IReadOnlyList<LibraryProblem> Warnings => _warnings();

    /// <summary>Where the library came from: a file path or <c>starter</c>.</summary>
    public string Source { get; }

    /// <summary>SHA-256 (hex) of the file's bytes (or, for built libraries, of their JSON); changes whenever any template changes.</summary>
    public string ContentHash => _contentHash.Value;

    /// <summary>Loads and validates a library file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="LibraryFormatException">The file is not a valid library; every problem is listed.</exception>
    public static TemplateLibrary Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"template library not found: {path}", path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Loads the starter library that ships with ReasonFlux (original templates across core competition topics).</summary>
    public static TemplateLibrary LoadStarter()
    {
        using var stream = typeof(TemplateLibrary).Assembly.GetManifestResourceStream(StarterResource)
            ?? throw new InvalidOperationException($"embedded resource {StarterResource} is missing from the build");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray(), "starter");
    }

    /// <summary>Parses and validates library JSON; <paramref name="source"/> names it in error messages.</summary>
    public static TemplateLibrary Parse(ReadOnlySpan<byte> utf8, string source)
    {
        var result = LibraryReader.Read(utf8, source);
        if (result.HasErrors) throw new LibraryFormatException(source, result.Problems);
        // The file's own bytes identify its content; hashing them is far cheaper than re-serialising the document.
        return new TemplateLibrary(result.Templates, () => result.Problems, source, Convert.ToHexStringLower(SHA256.HashData(utf8)));
    }

    /// <summary>Validates a file without throwing: every error and warning, in file order.</summary>
    public static IReadOnlyList<LibraryProblem> Validate(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"template library not found: {path}", path);
        return LibraryReader.Read(File.ReadAllBytes(path), path).Problems;
    }

    /// <summary>Builds a library from templates (e.g. a filtered or synthetic one); ids are kept as given.</summary>
    public static TemplateLibrary FromTemplates(IEnumerable<ThoughtTemplate> templates, string source = "memory")
    {
        ArgumentNullException.ThrowIfNull(templates);
        var list = templates.ToList();
        var duplicate = list.GroupBy(t => t.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"template id \"{duplicate.Key}\" is used more than once", nameof(templates));
        return new TemplateLibrary(list, () => [], source);
    }

    /// <summary>The template with this id, or null.</summary>
    public ThoughtTemplate? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The library as a JSON document in the official schema, templates exactly as read.</summary>
    public JsonObject ToDocument()
    {
        var root = new JsonObject();
        foreach (var t in Templates)
        {
            if (root[t.Chapter] is not JsonObject chapter) root[t.Chapter] = chapter = new JsonObject();
            if (chapter[t.Section] is not JsonArray section) chapter[t.Section] = section = new JsonArray();
            section.Add(t.Original.DeepClone());
        }
        return root;
    }

    /// <summary>Writes the library (indented UTF-8, Unicode kept readable); replaces the file atomically.</summary>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(ToDocument(), JsonText.Indented));
        File.Move(temp, full, overwrite: true);
    }
}
