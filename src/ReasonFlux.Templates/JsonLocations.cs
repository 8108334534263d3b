using System.Text.Unicode;
using System.Text.Json;

namespace ReasonFlux.Templates;

/// <summary>
/// Maps JSON paths to 1-based line numbers. System.Text.Json's DOM forgets positions, so a reader pass
/// records where each value starts; validation messages then point at the line a user can open. The same pass
/// reports what the DOM refuses without a location: duplicate keys and strings over the size limit.
/// </summary>
internal sealed class JsonLocations
{
    private readonly Dictionary<string, long> _offsets = new(StringComparer.Ordinal);
    private const int MaxDepth = 5;
    private readonly List<long> _lineStarts = [0];

    private JsonLocations() { }

    /// <summary>Scans <paramref name="utf8"/>; returns null and sets <paramref name="problem"/> when it is not well-formed JSON.</summary>
    public static JsonLocations? Scan(ReadOnlySpan<byte> utf8, string file, out LibraryProblem? problem)
    {
        problem = null;
        var map = new JsonLocations();
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n') map._lineStarts.Add(i + 1);
        }

        if (!Utf8.IsValid(utf8))
        {
            var offset = FirstInvalidUtf8(utf8);
            var line = map.LineOf(offset);
            problem = new LibraryProblem(file, "$", line,
                $"invalid UTF-8: byte 0x{utf8[offset]:X2} at column {offset - map._lineStarts[line - 1] + 1} is not valid UTF-8 text");
            return null;
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var stack = new Stack<Frame>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var frame = stack.Peek();
                        if (reader.ValueSpan.Length > LibraryReader.MaxStringBytes)
                        {
                            problem = new LibraryProblem(file, frame.Path, map.LineOf(reader.TokenStartIndex), TooLong(reader.ValueSpan.Length, "key"));
                            return null;
                        }
                        frame.Property = reader.GetString();
                        if (!frame.Keys.Add(frame.Property!))
                        {
                            problem = new LibraryProblem(file, Child(frame.Path, frame.Property!), map.LineOf(reader.TokenStartIndex),
                                $"duplicate key \"{frame.Property}\": each key may appear once in an object");
                            return null;
                        }
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        stack.Pop();
                        break;
                    default:
                        // Lines are recorded down to a template's fields; deeper items report their field's line.
                        var path = stack.Count == 0 ? "$" : stack.Count > MaxDepth ? null : stack.Peek().ChildPath();
                        if (path is not null) map._offsets.TryAdd(path, reader.TokenStartIndex);
                        if (reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > LibraryReader.MaxStringBytes)
                        {
                            problem = new LibraryProblem(file, path ?? stack.Peek().Path, map.LineOf(reader.TokenStartIndex), TooLong(reader.ValueSpan.Length, "text"));
                            return null;
                        }
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            stack.Push(new Frame(path ?? "", reader.TokenType == JsonTokenType.StartArray));
                        }
                        break;
                }
            }
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var atEnd = reader.BytesConsumed >= utf8.TrimEnd(" \r\n\t"u8).Length;
            var what = atEnd || ex.Message.Contains("end of data", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("depth to be zero", StringComparison.OrdinalIgnoreCase)
                ? "truncated file: the JSON ends before every object and list is closed"
                : $"not valid JSON: {FirstSentence(ex.Message)}";
            problem = new LibraryProblem(file, stack.Count == 0 ? "$" : stack.Peek().Path, line, what);
            return null;
        }
        return map;
    }

    /// <summary>The line of <paramref name="path"/>, or of its nearest recorded ancestor; 0 when unknown.</summary>
    public int LineOf(string path)
    {
        while (true)
        {
            if (_offsets.TryGetValue(path, out var offset)) return LineOf(offset);
            var cut = Math.Max(path.LastIndexOf('[', path.Length - 1), path.LastIndexOf('.'));
            if (cut <= 0) return 0;
            path = path[..cut];
        }
    }

    private int LineOf(long offset)
    {
        var i = _lineStarts.BinarySearch(offset);
        return (i >= 0 ? i : ~i - 1) + 1;
    }

    /// <summary>Path syntax: schema field names (lower snake case) as <c>.name</c>, other keys as <c>["key"]</c>, indexes as <c>[i]</c>.</summary>
    public static string Child(string parent, string property)
    {
        var simple = property.Length > 0 && char.IsAsciiLetterLower(property[0]) && property.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');
        return simple ? $"{parent}.{property}" : $"{parent}[{JsonSerializer.Serialize(property, JsonText.Options)}]";
    }

    public static string Child(string parent, int index) => $"{parent}[{index}]";

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var chars = new char[utf8.Length];
        _ = Utf8.ToUtf16(utf8, chars, out var read, out _, replaceInvalidSequences: false);
        return Math.Min(read, utf8.Length - 1);
    }

    private static string TooLong(int bytes, string what) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"this {what} is {bytes:N0} bytes long; a library allows at most {LibraryReader.MaxStringBytes:N0} bytes per string");

    private static string FirstSentence(string message) => JsonErrorText.Describe(message);

    private sealed class Frame(string path, bool isArray)
    {
        private int _index;
        public string Path { get; } = path;
        public string? Property { get; set; }
        public HashSet<string> Keys => field ??= new HashSet<string>(StringComparer.Ordinal);

        public string ChildPath() => isArray ? Child(Path, _index++) : Child(Path, Property ?? "");
    }
}
