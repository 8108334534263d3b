using System.Text.Encodings.Web;
using System.Text.Json;

namespace ReasonFlux.Templates;

/// <summary>Serializer settings shared by the library: keep Unicode math (x², √, ≤) readable in saved files.</summary>
internal static class JsonText
{
    public static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static readonly JsonSerializerOptions Indented = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = true,
        IndentSize = 4,
    };
}
