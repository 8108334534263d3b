using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReasonFlux.Reasoning.Flux;

/// <summary>
/// Finds JSON objects and arrays inside a model reply, however it is wrapped: after a thinking block, in code fences,
/// among prose. Accepts what models (and the original's Python-literal prompts) tend to write instead of strict JSON:
/// single-quoted strings, trailing commas, comments, Python's True/False/None, and LaTeX backslashes left unescaped.
/// </summary>
internal static class LenientJson
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    // LaTeX commands that start with a letter JSON would read as an escape (\b \f \n \r \t): "\frac" must stay "\frac".
    private static readonly string[] LatexWords =
    [
        "frac", "beta", "binom", "bar", "boxed", "big", "bmod", "theta", "times", "tan", "tau", "text", "tfrac", "triangle", "top",
        "neq", "nabla", "nu", "ne ", "ni ", "not", "right", "rho", "rangle", "rceil", "rfloor", "forall", "flat", "overline", "therefore",
    ];

    /// <summary>Every JSON value found in <paramref name="text"/>, most likely first (after the thinking block, fenced, then bare).</summary>
    public static IEnumerable<JsonNode> Values(string text)
    {
        var close = text.LastIndexOf("</think>", StringComparison.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (close >= 0)
        {
            foreach (var node in ValuesIn(text[(close + "</think>".Length)..], seen)) yield return node;
        }
        foreach (var node in ValuesIn(text, seen)) yield return node;
    }

    private static IEnumerable<JsonNode> ValuesIn(string text, HashSet<string> seen)
    {
        foreach (var fenced in Fenced(text))
        {
            foreach (var node in Candidates(fenced, seen)) yield return node;
        }
        foreach (var node in Candidates(text, seen)) yield return node;
    }

    private static IEnumerable<string> Fenced(string text)
    {
        for (var at = text.IndexOf("```", StringComparison.Ordinal); at >= 0;)
        {
            var bodyStart = text.IndexOf('\n', at);
            if (bodyStart < 0) yield break;
            var end = text.IndexOf("```", bodyStart, StringComparison.Ordinal);
            if (end < 0)
            {
                // An unclosed fence (the reply was cut off): take the rest.
                yield return text[bodyStart..];
                yield break;
            }
            yield return text[bodyStart..end];
            at = text.IndexOf("```", end + 3, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<JsonNode> Candidates(string text, HashSet<string> seen)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('{' or '[')) continue;
            var end = MatchingClose(text, i);
            if (end < 0) continue;
            var candidate = text[i..(end + 1)];
            if (!seen.Add(candidate)) continue;
            if (TryParse(candidate) is { } node)
            {
                yield return node;
                i = end;
            }
        }
    }

    /// <summary>Parses one candidate after normalising it; null when it is not JSON even then.</summary>
    public static JsonNode? TryParse(string candidate)
    {
        try
        {
            return JsonNode.Parse(Normalise(candidate), documentOptions: Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Index of the bracket that closes the one at <paramref name="start"/>, skipping strings of either quote; -1 if none.</summary>
    private static int MatchingClose(string text, int start)
    {
        var depth = 0;
        char? quote = null;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q)
            {
                if (c == '\\') i++;
                else if (c == q) quote = null;
                continue;
            }
            switch (c)
            {
                case '"':
                    quote = c;
                    break;
                case '\'' when IsStringStart(text, i):
                    quote = c;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    if (--depth == 0) return i;
                    break;
            }
        }
        return -1;
    }

    // A single quote opens a string only where a JSON value or key may begin; elsewhere it is an apostrophe.
    private static bool IsStringStart(string text, int i)
    {
        for (var j = i - 1; j >= 0; j--)
        {
            if (char.IsWhiteSpace(text[j])) continue;
            return text[j] is '{' or '[' or ',' or ':';
        }
        return true;
    }

    private static string Normalise(string s)
    {
        var sb = new StringBuilder(s.Length + 16);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '"' || (c == '\'' && IsStringStart(s, i)))
            {
                i = CopyString(s, i, sb);
                continue;
            }
            if (char.IsLetter(c))
            {
                var j = i;
                while (j < s.Length && char.IsLetter(s[j])) j++;
                var word = s[i..j];
                sb.Append(word switch { "True" => "true", "False" => "false", "None" => "null", _ => word });
                i = j - 1;
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>Copies the string starting at <paramref name="start"/> as a valid JSON string; returns the index of its closing quote.</summary>
    private static int CopyString(string s, int start, StringBuilder sb)
    {
        var quote = s[start];
        sb.Append('"');
        var i = start + 1;
        for (; i < s.Length && s[i] != quote; i++)
        {
            var c = s[i];
            if (c == '\\' && i + 1 < s.Length)
            {
                var next = s[i + 1];
                if (next == '\'')
                {
                    sb.Append('\'');
                    i++;
                }
                else if (IsJsonEscape(s, i + 1))
                {
                    sb.Append(c).Append(next);
                    i++;
                }
                else sb.Append(@"\\");
                continue;
            }
            if (c == '"') sb.Append("\\\"");
            else if (c == '\n') sb.Append("\\n");
            else if (c == '\r') sb.Append("\\r");
            else if (c == '\t') sb.Append("\\t");
            else sb.Append(c);
        }
        sb.Append('"');
        return i;
    }

    private static bool IsJsonEscape(string s, int at)
    {
        var c = s[at];
        if (c is '"' or '\\' or '/') return true;
        if (c == 'u') return at + 4 < s.Length && !s.AsSpan(at + 1, 4).ContainsAnyExcept(HexDigits);
        if (c is not ('b' or 'f' or 'n' or 'r' or 't')) return false;
        var rest = s.AsSpan(at);
        foreach (var word in LatexWords)
        {
            if (rest.StartsWith(word, StringComparison.Ordinal)) return false;
        }
        return true;
    }
}
