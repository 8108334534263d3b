using System.Text.Json;
using System.Text.Json.Nodes;
using ReasonFlux.Training.Datasets;

namespace ReasonFlux.Training.Configs;

/// <summary>
/// Checks a config's datasets against the <c>dataset_info.json</c> LLaMA-Factory will read, when that file can be
/// reached from here: every name must be registered, and DPO needs ranking (preference) datasets.
/// </summary>
internal static class DatasetRegistryCheck
{
    public static void Check(TrainConfigRequest request, string datasetDir)
    {
        var info = Path.Combine(datasetDir, DatasetWriter.InfoFileName);
        if (!File.Exists(info)) return;
        JsonObject registry;
        try
        {
            registry = JsonNode.Parse(File.ReadAllText(info)) as JsonObject
                ?? throw new TrainConfigException($"{info}: expected an object of dataset entries");
        }
        catch (JsonException ex)
        {
            throw new TrainConfigException($"{info}: not valid JSON ({JsonErrorText.Describe(ex)})");
        }
        foreach (var name in request.Dataset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (registry[name] is not JsonObject entry)
                throw new TrainConfigException($"dataset '{name}' is not registered in {info} (registered: {string.Join(", ", registry.Select(kv => kv.Key))})");
            var ranking = entry["ranking"] is JsonValue v && v.TryGetValue(out bool r) && r;
            if (request.Stage == TrainStage.Dpo && !ranking)
                throw SettingException.Unfit(Setting.Of<TrainConfigRequest>(nameof(request.Stage), "stage"), request.Stage, $"needs a preference dataset, but '{name}' in {info} has no \"ranking\": true (write one with `reasonflux data pairs`)");
        }
    }
}
