using System.Text.Json;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Training.Datasets;

/// <summary>
/// Reads flux trace files: a <see cref="SolveTrace"/> as System.Text.Json writes it (property names matched without
/// regard to case, so PascalCase and camelCase files both read).
/// </summary>
public static class TraceFile
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>Reads one trace.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a trace, or of a format version this build does not know.</exception>
    public static SolveTrace Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: trace file not found", path);
        SolveTrace? trace;
        try
        {
            trace = JsonSerializer.Deserialize<SolveTrace>(File.ReadAllText(path), Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: line {ex.LineNumber + 1}: not a flux trace ({ex.Message.Split(" Path:", 2)[0]})", ex);
        }
        if (trace is null || trace.Samples is null || trace.Problem is null) throw new InvalidDataException($"{path}: not a flux trace (no problem or samples)");
        if (trace.Format != SolveTrace.CurrentFormat)
            throw new InvalidDataException($"{path}: field format: trace format {trace.Format} is not the one this build reads ({SolveTrace.CurrentFormat})");
        return trace;
    }

    /// <summary>The trace files named by <paramref name="paths"/>: files as given, folders expanded to their <c>*.json</c> files (sorted).</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path)) files.AddRange(Directory.GetFiles(path, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal));
            else files.Add(path);
        }
        return files;
    }
}
