using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ReasonFlux.Grading;
using ReasonFlux.Templates;

namespace ReasonFlux.Evaluation.Benchmarks;

/// <summary>Reads benchmark files. Every error names the file, the line and the field.</summary>
public static class BenchmarkLoader
{
    private static readonly string[] IdCandidates = ["id", "unique_id", "idx"];

    /// <summary>Reads a built-in benchmark from a local copy of its file (the checksum is recorded, not enforced: a local file is the user's choice).</summary>
    public static Benchmark Load(BuiltInBenchmark builtIn, string path)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        return LoadJsonl(path, builtIn.Name, builtIn.Fields, builtIn.Kind, builtIn.HashMarkedAnswer);
    }

    /// <summary>Reads a JSONL file, one problem per non-empty line.</summary>
    /// <exception cref="BenchmarkFormatException">A line is not a JSON object, or a required field is missing or empty.</exception>
    public static Benchmark LoadJsonl(string path, string name, JsonlFields fields, AnswerKind kind = AnswerKind.Auto, bool hashMarkedAnswer = false)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: benchmark file not found", path);
        var bytes = File.ReadAllBytes(path);
        var problems = new List<BenchmarkProblem>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        using var reader = new StreamReader(new MemoryStream(bytes));
        var lineNo = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(line); }
            catch (JsonException ex) { throw new BenchmarkFormatException(path, lineNo, null, $"not valid JSON ({JsonErrorText.Describe(ex)})"); }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new BenchmarkFormatException(path, lineNo, null, "expected a JSON object");
                var root = doc.RootElement;
                var problem = Required(root, fields.Problem, path, lineNo);
                var answerText = Required(root, fields.Answer, path, lineNo);
                var answer = answerText;
                if (hashMarkedAnswer)
                {
                    var mark = answerText.LastIndexOf("####", StringComparison.Ordinal);
                    if (mark < 0) throw new BenchmarkFormatException(path, lineNo, fields.Answer, "no '#### answer' marker");
                    answer = answerText[(mark + 4)..].Trim().Replace(",", "", StringComparison.Ordinal);
                }
                var id = IdOf(root, fields.Id, path, lineNo) ?? $"line-{lineNo}";
                if (!ids.Add(id)) throw new BenchmarkFormatException(path, lineNo, fields.Id ?? "id", $"duplicate id '{id}'");
                problems.Add(new BenchmarkProblem(id, problem, answer, kind)
                {
                    ReferenceSolution = fields.Solution is { } s ? Optional(root, s) : null,
                    Subject = fields.Subject is { } subj ? Optional(root, subj) : null,
                    Level = fields.Level is { } lv ? LevelOf(root, lv, path, lineNo) : null,
                });
            }
        }
        if (problems.Count == 0) throw new BenchmarkFormatException(path, 0, null, "the file holds no problems");
        return new Benchmark(name, path, Sha256Hex(bytes), problems);
    }

    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    internal static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Required(JsonElement root, string field, string path, int line)
    {
        if (!root.TryGetProperty(field, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
            throw BenchmarkFormatException.MissingField(path, line, field);
        var text = Scalar(value) ?? throw new BenchmarkFormatException(path, line, field, $"expected a string or number, got {value.ValueKind.ToString().ToLowerInvariant()}");
        if (string.IsNullOrWhiteSpace(text)) throw new BenchmarkFormatException(path, line, field, "empty");
        return text;
    }

    private static string? Optional(JsonElement root, string field) =>
        root.TryGetProperty(field, out var value) ? Scalar(value) : null;

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        // amc23 stores answers as numbers (27.0); integral values read as the integer.
        JsonValueKind.Number => value.TryGetDecimal(out var d) && d == decimal.Truncate(d)
            ? decimal.Truncate(d).ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
        _ => null,
    };

    private static string? IdOf(JsonElement root, string? field, string path, int line)
    {
        if (field is not null)
        {
            if (!root.TryGetProperty(field, out var v)) return null;
            return Scalar(v) ?? throw new BenchmarkFormatException(path, line, field, "expected a string or number id");
        }
        foreach (var candidate in IdCandidates)
            if (root.TryGetProperty(candidate, out var v) && Scalar(v) is { Length: > 0 } id) return id;
        return null;
    }

    private static int? LevelOf(JsonElement root, string field, string path, int line)
    {
        if (!root.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n)) return n;
        var text = Scalar(v);
        // "Level 3" in the original MATH files, 3 in MATH500.
        var digits = text is null ? "" : new string(text.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length > 0 && int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out n)) return n;
        throw new BenchmarkFormatException(path, line, field, $"expected a level number, got '{text}'");
    }
}
