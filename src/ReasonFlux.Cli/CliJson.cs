using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReasonFlux.Cli;

/// <summary>
/// The one JSON style of every <c>--json</c> output and JSON file the CLI writes: snake_case keys (as OpenAI's API and
/// lm-eval use) and readable text (quotes, <c>+</c>, <c>&lt;</c> and non-ASCII stay as they are; the output is never
/// embedded in HTML, where the report and trace pages escape it themselves).
/// </summary>
internal static class CliJson
{
    public static JsonSerializerOptions Compact { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonSerializerOptions Indented { get; } = new(Compact) { WriteIndented = true };
}
