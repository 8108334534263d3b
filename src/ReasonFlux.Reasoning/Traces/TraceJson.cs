using System.Text.Json;
using System.Text.Json.Serialization;
using ReasonFlux.Templates;

namespace ReasonFlux.Reasoning.Traces;

/// <summary>Writes and reads <see cref="SolveTrace"/> files (snake_case JSON, indented).</summary>
public static class TraceJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>The trace as JSON text.</summary>
    public static string Serialize(SolveTrace trace) => JsonSerializer.Serialize(trace, Options);

    /// <summary>Reads a trace from JSON text; <paramref name="source"/> names it in errors.</summary>
    public static SolveTrace Deserialize(string json, string source = "trace")
    {
        ArgumentNullException.ThrowIfNull(json);
        SolveTrace? trace;
        try
        {
            trace = JsonSerializer.Deserialize<SolveTrace>(json, Options);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $"line {line + 1}" : "unknown line";
            throw new TraceFormatException($"{source}: {where}, {ex.Path ?? "$"}: not a ReasonFlux trace ({JsonErrorText.Describe(ex)})", ex);
        }
        if (trace is null) throw new TraceFormatException($"{source}: line 1, $: the file holds null, not a trace");
        if (trace.Format != SolveTrace.CurrentFormat)
            throw new TraceFormatException($"{source}: $.format: trace format {trace.Format} is not supported (this build reads format {SolveTrace.CurrentFormat})");
        return trace;
    }

    /// <summary>Writes the trace to <paramref name="path"/> (through a temporary file, so a reader never sees half a trace).</summary>
    public static async Task WriteAsync(SolveTrace trace, string path, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(trace);
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
        var temp = full + ".tmp";
        await File.WriteAllTextAsync(temp, Serialize(trace), ct).ConfigureAwait(false);
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads a trace file; a missing file is a <see cref="FileNotFoundException"/>, a bad one a <see cref="TraceFormatException"/>.</summary>
    public static async Task<SolveTrace> ReadAsync(string path, CancellationToken ct = default)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: trace file not found", path);
        return Deserialize(await File.ReadAllTextAsync(path, ct).ConfigureAwait(false), path);
    }
}
