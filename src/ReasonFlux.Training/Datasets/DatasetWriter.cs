using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ReasonFlux.Templates;

namespace ReasonFlux.Training.Datasets;

/// <summary>
/// Writes datasets in LLaMA-Factory's documented layouts (alpaca or sharegpt; preference data with <c>ranking: true</c>)
/// as <c>DIR/NAME.json</c>, and adds or replaces the <c>NAME</c> entry of <c>DIR/dataset_info.json</c>, keeping every
/// other entry. Files are written to a temporary name and moved into place, so a failed write leaves the old ones.
/// </summary>
public static partial class DatasetWriter
{
    /// <summary>The registry file LLaMA-Factory reads from its <c>dataset_dir</c>.</summary>
    public const string InfoFileName = "dataset_info.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        // Keep LaTeX, CJK and math symbols readable in the data file; JSON escaping of quotes and control characters still applies.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes supervised examples and registers them; returns the data file's path.</summary>
    public static async Task<string> WriteSftAsync(string directory, string name, DatasetFormat format, IReadOnlyList<SftExample> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        CheckName(name);
        var withSystem = examples.Any(e => !string.IsNullOrEmpty(e.System));
        var rows = new JsonArray();
        foreach (var e in examples) rows.Add(SftRow(e, format, withSystem));
        var columns = format == DatasetFormat.Alpaca
            ? new JsonObject { ["prompt"] = "instruction", ["query"] = "input", ["response"] = "output" }
            : new JsonObject { ["messages"] = "conversations" };
        if (withSystem) columns["system"] = "system";
        return await WriteAsync(directory, name, format, ranking: false, rows, columns, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes preference pairs and registers them with <c>ranking: true</c>; returns the data file's path.</summary>
    public static async Task<string> WritePreferenceAsync(string directory, string name, DatasetFormat format, IReadOnlyList<PreferenceExample> examples, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(examples);
        CheckName(name);
        var withSystem = examples.Any(e => !string.IsNullOrEmpty(e.System));
        var rows = new JsonArray();
        foreach (var e in examples) rows.Add(PreferenceRow(e, format, withSystem));
        var columns = format == DatasetFormat.Alpaca
            ? new JsonObject { ["prompt"] = "instruction", ["query"] = "input", ["chosen"] = "chosen", ["rejected"] = "rejected" }
            : new JsonObject { ["messages"] = "conversations", ["chosen"] = "chosen", ["rejected"] = "rejected" };
        if (withSystem) columns["system"] = "system";
        return await WriteAsync(directory, name, format, ranking: true, rows, columns, cancellationToken).ConfigureAwait(false);
    }

    private static JsonObject SftRow(SftExample e, DatasetFormat format, bool withSystem)
    {
        var row = format == DatasetFormat.Alpaca
            ? new JsonObject { ["instruction"] = e.Prompt, ["input"] = "", ["output"] = e.Response }
            : new JsonObject { ["conversations"] = new JsonArray(Message("human", e.Prompt), Message("gpt", e.Response)) };
        if (withSystem) row["system"] = e.System ?? "";
        return row;
    }

    private static JsonObject PreferenceRow(PreferenceExample e, DatasetFormat format, bool withSystem)
    {
        var row = format == DatasetFormat.Alpaca
            ? new JsonObject { ["instruction"] = e.Prompt, ["input"] = "", ["chosen"] = e.Chosen, ["rejected"] = e.Rejected }
            : new JsonObject { ["conversations"] = new JsonArray(Message("human", e.Prompt)), ["chosen"] = Message("gpt", e.Chosen), ["rejected"] = Message("gpt", e.Rejected) };
        if (withSystem) row["system"] = e.System ?? "";
        // Extra columns are ignored by LLaMA-Factory; they keep the scores beside the pair for inspection and filtering.
        row["chosen_score"] = e.ChosenScore;
        row["rejected_score"] = e.RejectedScore;
        return row;
    }

    private static JsonObject Message(string from, string value) => new() { ["from"] = from, ["value"] = value };

    private static async Task<string> WriteAsync(string directory, string name, DatasetFormat format, bool ranking, JsonArray rows, JsonObject columns, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var fileName = name + ".json";
        var dataPath = Path.Combine(directory, fileName);
        await WriteAtomicAsync(dataPath, rows.ToJsonString(Options), ct).ConfigureAwait(false);

        var infoPath = Path.Combine(directory, InfoFileName);
        var info = await ReadInfoAsync(infoPath, ct).ConfigureAwait(false);
        var entry = new JsonObject { ["file_name"] = fileName };
        if (format == DatasetFormat.ShareGpt) entry["formatting"] = "sharegpt";
        if (ranking) entry["ranking"] = true;
        entry["columns"] = columns;
        info[name] = entry;
        await WriteAtomicAsync(infoPath, info.ToJsonString(Options), ct).ConfigureAwait(false);
        return dataPath;
    }

    private static async Task<JsonObject> ReadInfoAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path)) return [];
        var text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new InvalidDataException($"{path}: expected a JSON object of dataset entries");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: line {ex.LineNumber + 1}: not valid JSON ({JsonErrorText.Describe(ex)}); fix or remove it", ex);
        }
    }

    private static async Task WriteAtomicAsync(string path, string text, CancellationToken ct)
    {
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, text + "\n", ct).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    private static void CheckName(string name)
    {
        if (!NamePattern().IsMatch(name ?? ""))
            throw new ArgumentException($"dataset name '{name}': use letters, digits, '_', '-' or '.' (it becomes NAME.json and the dataset_info.json key)", nameof(name));
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")]
    private static partial Regex NamePattern();
}
