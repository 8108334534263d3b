using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ReasonFlux.Grading;

namespace ReasonFlux.Evaluation.Benchmarks;

/// <summary>
/// Reads GPQA-Diamond from the user's copy of the official CSV (the dataset is gated, so it is never shipped).
/// The four answers of each question are shuffled with a seed derived from the question's record id, labelled A–D,
/// and the gold answer is the letter of the correct one, as the usual evaluation does.
/// </summary>
public static class GpqaCsv
{
    /// <summary>The name users type: <c>gpqa-diamond</c>.</summary>
    public const string Name = "gpqa-diamond";

    private static readonly string[] AnswerColumns = ["Correct Answer", "Incorrect Answer 1", "Incorrect Answer 2", "Incorrect Answer 3"];

    /// <summary>Reads the CSV.</summary>
    /// <exception cref="BenchmarkFormatException">A column is missing, a row is short, or a field is empty.</exception>
    public static Benchmark Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: GPQA CSV not found", path);
        var bytes = File.ReadAllBytes(path);
        var rows = CsvRows.Parse(Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
        if (rows.Count == 0) throw new BenchmarkFormatException(path, 0, null, "the file is empty");
        var header = rows[0].Fields;
        int Column(string name)
        {
            var i = header.FindIndex(h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));
            return i >= 0 ? i : throw new BenchmarkFormatException(path, 1, name, "column missing from the header (expected the official GPQA columns)");
        }
        var question = Column("Question");
        var answers = AnswerColumns.Select(Column).ToArray();
        var recordId = header.FindIndex(h => h.Trim() == "Record ID");
        var domain = header.FindIndex(h => h.Trim() == "High-level domain");
        var problems = new List<BenchmarkProblem>();
        foreach (var row in rows.Skip(1))
        {
            if (row.Fields.All(string.IsNullOrWhiteSpace)) continue;
            string Field(int i, string name) =>
                i < row.Fields.Count && !string.IsNullOrWhiteSpace(row.Fields[i]) ? row.Fields[i].Trim()
                    : throw new BenchmarkFormatException(path, row.Line, name, "missing or empty");
            var text = Field(question, "Question");
            var options = answers.Select((c, k) => Field(c, AnswerColumns[k])).ToArray();
            var id = recordId >= 0 && recordId < row.Fields.Count && row.Fields[recordId].Length > 0 ? row.Fields[recordId].Trim() : $"row-{problems.Count + 1}";
            var order = Shuffle(id);
            var prompt = new StringBuilder(text).Append("\n\n");
            var gold = "";
            for (var slot = 0; slot < 4; slot++)
            {
                var letter = (char)('A' + slot);
                prompt.Append(CultureInfo.InvariantCulture, $"{letter}) {options[order[slot]]}\n");
                if (order[slot] == 0) gold = letter.ToString();
            }
            problems.Add(new BenchmarkProblem(id, prompt.ToString().TrimEnd(), gold, AnswerKind.Choice)
            {
                Subject = domain >= 0 && domain < row.Fields.Count ? row.Fields[domain].Trim() : null,
            });
        }
        if (problems.Count == 0) throw new BenchmarkFormatException(path, 0, null, "the file holds no questions");
        return new Benchmark(Name, path, BenchmarkLoader.Sha256Hex(bytes), problems);
    }

    /// <summary>Slot → original answer index; the same for the same record id on every machine and run.</summary>
    internal static int[] Shuffle(string recordId)
    {
        var seed = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(recordId)), 0);
        // A seeded System.Random is stable across .NET versions and platforms.
        var random = new Random(seed);
        int[] order = [0, 1, 2, 3];
        random.Shuffle(order);
        return order;
    }
}
