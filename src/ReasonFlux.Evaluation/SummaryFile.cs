using System.Text.Encodings.Web;
using System.Text.Json;
using ReasonFlux.Evaluation.Metrics;

namespace ReasonFlux.Evaluation;

/// <summary>Reads and writes <c>summary.json</c>.</summary>
public static class SummaryFile
{
    /// <summary>The file name inside the run folder.</summary>
    public const string FileName = "summary.json";

    /// <summary>Indented JSON, the layout of <c>summary.json</c>; "&amp;" and other HTML-sensitive characters stay as they are (the file is never embedded in HTML).</summary>
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One-line JSON with the same readable escaping (lm-eval samples files).</summary>
    public static JsonSerializerOptions Compact { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the summary atomically (a temporary file renamed into place).</summary>
    public static async Task WriteAsync(string path, EvalSummary summary, CancellationToken cancellationToken = default)
    {
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(summary, Indented) + "\n", cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }
}
