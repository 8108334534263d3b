using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReasonFlux.Training.Configs;

/// <summary>
/// Writes a LLaMA-Factory training YAML with a preset's hyper-parameters and the user's overrides, the DeepSpeed JSON
/// beside it, and returns the command that starts the training.
/// </summary>
public static partial class TrainConfigWriter
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Builds the settings of <paramref name="request"/> without writing anything (the DeepSpeed key points at <paramref name="deepSpeedPath"/>).</summary>
    /// <exception cref="TrainConfigException">An override is not <c>key=value</c> with a valid key.</exception>
    public static IReadOnlyList<TrainSetting> Settings(TrainConfigRequest request, string? deepSpeedPath)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.BaseModel)) throw new TrainConfigException("the base model is empty");
        if (string.IsNullOrWhiteSpace(request.Dataset)) throw new TrainConfigException("the dataset name is empty");
        var settings = TrainPresets.Build(request, deepSpeedPath);
        for (var i = 0; i < request.Overrides.Count; i++) Apply(settings, request.Overrides[i], i + 1);
        return settings;
    }

    /// <summary>Writes <paramref name="yamlPath"/> and, unless DeepSpeed is off, its DeepSpeed JSON in the same folder.</summary>
    /// <exception cref="TrainConfigException">An override or a launch setting is invalid, or the reachable <c>dataset_info.json</c>
    /// lacks a dataset (or, for DPO, has it without <c>ranking</c>); nothing is written then.</exception>
    public static async Task<TrainConfigResult> WriteAsync(TrainConfigRequest request, string yamlPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(yamlPath);
        var yamlFull = Path.GetFullPath(yamlPath);
        var folder = Path.GetDirectoryName(yamlFull)!;
        // Every path in the YAML is absolute (LLaMA-Factory resolves relative ones from wherever it is started).
        if (request.DatasetDir is { } datasetDir) request = request with { DatasetDir = Path.GetFullPath(datasetDir) };
        DatasetRegistryCheck.Check(request, request.DatasetDir ?? Path.GetFullPath("data"));
        // LLaMA-Factory resolves relative paths from the directory it is started in, so the YAML names the JSON absolutely.
        var deepSpeedPath = request.DeepSpeed == DeepSpeedMode.None ? null : Path.Combine(folder, DeepSpeedConfig.FileName(request.DeepSpeed));
        var settings = Settings(request, deepSpeedPath);
        var commands = LaunchCommand.Build(request, yamlFull, deepSpeedPath is not null);

        Directory.CreateDirectory(folder);
        var header = $"LLaMA-Factory {(request.Stage == TrainStage.Dpo ? "DPO" : "SFT")} config, written by reasonflux train config (preset {request.Preset.ToString().ToLowerInvariant()})";
        await File.WriteAllTextAsync(yamlFull, TrainYaml.Write(settings, header), cancellationToken).ConfigureAwait(false);
        if (deepSpeedPath is not null)
            await File.WriteAllTextAsync(deepSpeedPath, DeepSpeedConfig.Build(request.DeepSpeed).ToJsonString(Indented) + "\n", cancellationToken).ConfigureAwait(false);
        return new TrainConfigResult(yamlFull, deepSpeedPath, settings, commands);
    }

    private static void Apply(List<TrainSetting> settings, string assignment, int position)
    {
        var eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new TrainConfigException($"override {position} ('{assignment}'): expected key=value");
        var key = assignment[..eq].Trim();
        if (!KeyPattern().IsMatch(key))
            throw new TrainConfigException($"override {position} ('{assignment}'): '{key}' is not a LLaMA-Factory argument name (lower-case letters, digits, '_')");
        var text = assignment[(eq + 1)..];
        var at = settings.FindIndex(s => s.Key == key);
        if (text.Trim().Length == 0)
        {
            // "key=" removes a preset key, so LLaMA-Factory's own default applies.
            if (at >= 0) settings.RemoveAt(at);
            return;
        }
        var value = SettingValue.Parse(text);
        // A number given for a float key stays a float (epochs "3" → 3.0), so the YAML keeps the type LLaMA-Factory expects.
        if (at >= 0 && settings[at].Value is double && value is long l) value = (double)l;
        if (at >= 0) settings[at] = settings[at] with { Value = value };
        else settings.Add(new TrainSetting("overrides", key, value));
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex KeyPattern();
}
