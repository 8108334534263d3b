using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasonFlux.Templates;

namespace ReasonFlux.Distillation;

/// <summary>
/// The outputs of a distillation: the library with the kept templates added in their chapters and sections (the merged
/// library), and the kept templates alone (the delta). Both are built from the store, so a resumed run writes them
/// whole, and both are checked with the library's own loader before they replace a file.
/// </summary>
public static class DistilledLibrary
{
    private static readonly JsonSerializerOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true, IndentSize = 4 };

    /// <summary>The delta file that goes with a merged library: <c>NEW.json</c> → <c>NEW.delta.json</c>.</summary>
    public static string DeltaPathFor(string mergedPath) => Path.ChangeExtension(Path.GetFullPath(mergedPath), ".delta.json");

    /// <summary>The merged library and the delta (null when nothing was kept: an empty library is not a valid file).</summary>
    public static (JsonObject Merged, JsonObject? Delta) Build(TemplateLibrary library, IEnumerable<DistillRecord> records)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(records);
        var merged = library.ToDocument();
        var delta = new JsonObject();
        foreach (var record in records.Where(r => r.Outcome == DistillOutcomes.Kept && r.Template is not null).OrderBy(r => r.Ordinal))
        {
            var template = JsonNode.Parse(record.Template!)!.AsObject();
            Section(merged, record.Chapter!, record.Section!).Add(template.DeepClone());
            Section(delta, record.Chapter!, record.Section!).Add(template);
        }
        return (merged, delta.Count == 0 ? null : delta);
    }

    /// <summary>Writes both files (each validated first, then replaced atomically); returns the delta's path, or null when none was written.</summary>
    /// <exception cref="LibraryFormatException">A built library does not validate (a bug, never a model's doing: every template was validated when kept).</exception>
    public static string? Write(TemplateLibrary library, IEnumerable<DistillRecord> records, string mergedPath, string? deltaPath = null)
    {
        var (merged, delta) = Build(library, records);
        WriteValid(merged, mergedPath);
        if (delta is null) return null;
        deltaPath ??= DeltaPathFor(mergedPath);
        WriteValid(delta, deltaPath);
        return Path.GetFullPath(deltaPath);
    }

    private static JsonArray Section(JsonObject document, string chapter, string section)
    {
        if (document[chapter] is not JsonObject c) document[chapter] = c = new JsonObject();
        if (c[section] is not JsonArray s) c[section] = s = new JsonArray();
        return s;
    }

    private static void WriteValid(JsonObject document, string path)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, Indented);
        var full = Path.GetFullPath(path);
        _ = TemplateLibrary.Parse(bytes, full);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = full + ".tmp-" + Environment.ProcessId;
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, full, overwrite: true);
    }
}
