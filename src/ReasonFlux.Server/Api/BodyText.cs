using System.Buffers;
using System.Text;
using System.Text.Json;

namespace ReasonFlux.Server.Api;

/// <summary>
/// Checks a request body's text before it is parsed: raw bytes must be UTF-8 (no encoded surrogates) and no JSON
/// string may escape half of a surrogate pair (<c>"\ud800"</c>). Either would otherwise fail deep inside parsing or
/// validation as an unexpected exception, or reach the model as text no tokenizer can take.
/// </summary>
internal static class BodyText
{
    public static void Check(ReadOnlySpan<byte> body)
    {
        for (var at = 0; at < body.Length;)
        {
            if (body[at] < 0x80)
            {
                at++;
                continue;
            }
            if (Rune.DecodeFromUtf8(body[at..], out _, out var length) != OperationStatus.Done)
                throw ApiException.BadRequest($"the body is not valid UTF-8 (byte {at + 1} starts a malformed sequence); send JSON encoded as UTF-8", null, "invalid_utf8");
            at += length;
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped) continue;
                try
                {
                    _ = reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    throw ApiException.BadRequest(
                        $"the body has a string with an unpaired UTF-16 surrogate escape (\\ud800-\\udfff) at byte {reader.TokenStartIndex + 1}; text must be valid Unicode",
                        null, "invalid_utf8");
                }
            }
        }
        catch (JsonException)
        {
            // Syntax errors are reported by the parser, with their position and the field.
        }
    }
}
