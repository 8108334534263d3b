using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasonFlux.Training.Configs;

namespace ReasonFlux.Cli.Commands;

/// <summary><c>reasonflux train config</c>: LLaMA-Factory YAML + DeepSpeed JSON with the original's presets, and the launch command.</summary>
internal static class TrainCommand
{
    private static readonly JsonSerializerOptions Indented = CliJson.Indented;

    public static Command Create()
    {
        var command = new Command("train", "Prepare training runs on LLaMA-Factory (it trains; this writes its configs).");
        command.Subcommands.Add(Config());
        return command;
    }

    private static Command Config()
    {
        var stage = new Option<string>("--stage") { Description = "sft or dpo.", DefaultValueFactory = _ => "sft" };
        stage.AcceptOnlyFromAmong("sft", "dpo");
        var preset = new Option<string>("--preset")
        {
            Description = "f1: ReasonFlux-F1 long-CoT SFT (cutoff 16384, lr 1e-5, 5 epochs, batch 1x2); zero: navigator SFT (cutoff 2048, lr 2e-5, 3 epochs, batch 4x8).",
            Required = true,
        };
        preset.AcceptOnlyFromAmong("f1", "zero");
        var baseModel = new Option<string>("--base") { Description = "Base model: Hugging Face id or local path (model_name_or_path).", Required = true };
        var dataset = new Option<string>("--dataset") { Description = "Dataset name(s) from dataset_info.json, comma-separated.", Required = true };
        var datasetDir = new Option<string?>("--dataset-dir") { Description = "Folder holding dataset_info.json (e.g. the --out of `reasonflux data`)." };
        var outputDir = new Option<string?>("--output-dir") { Description = "Where LLaMA-Factory saves checkpoints (default saves/<preset>-<stage>)." };
        var output = new Option<FileInfo>("--out", "-o") { Description = "The YAML file to write; the DeepSpeed JSON goes beside it.", Required = true };
        var deepSpeed = new Option<string>("--deepspeed") { Description = "z3-offload (the original's), z3, or none.", DefaultValueFactory = _ => "z3-offload" };
        deepSpeed.AcceptOnlyFromAmong("z3-offload", "z3", "none");
        var set = new Option<string[]>("--set")
        {
            Description = "Override or add a LLaMA-Factory key: key=value (repeatable); key= removes a preset key.",
            AllowMultipleArgumentsPerToken = false,
        };
        var nproc = new Option<int?>("--nproc") { Description = "GPUs per node (NPROC_PER_NODE; default: all visible)." };
        var nnodes = new Option<int>("--nnodes") { Description = "Number of nodes (NNODES); one command per node is printed.", DefaultValueFactory = _ => 1 };
        var masterAddr = new Option<string?>("--master-addr") { Description = "Address of node 0 (MASTER_ADDR); needed with --nnodes > 1." };
        var masterPort = new Option<int>("--master-port") { Description = "Rendezvous port (MASTER_PORT).", DefaultValueFactory = _ => 29500 };
        var json = CommonOptions.Json();
        var command = new Command("config", "Write a LLaMA-Factory training YAML (and DeepSpeed JSON) and print the llamafactory-cli command.")
        {
            stage, preset, baseModel, dataset, datasetDir, outputDir, output, deepSpeed, set, nproc, nnodes, masterAddr, masterPort, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async token =>
        {
            var request = new TrainConfigRequest
            {
                Stage = parse.GetValue(stage) == "dpo" ? TrainStage.Dpo : TrainStage.Sft,
                Preset = parse.GetValue(preset) == "zero" ? TrainPreset.Zero : TrainPreset.F1,
                BaseModel = parse.GetValue(baseModel)!,
                Dataset = parse.GetValue(dataset)!,
                DatasetDir = parse.GetValue(datasetDir),
                OutputDir = parse.GetValue(outputDir),
                DeepSpeed = parse.GetValue(deepSpeed) switch
                {
                    "none" => DeepSpeedMode.None,
                    "z3" => DeepSpeedMode.Zero3,
                    _ => DeepSpeedMode.Zero3Offload,
                },
                Overrides = parse.GetValue(set) ?? [],
                NprocPerNode = parse.GetValue(nproc),
                Nnodes = parse.GetValue(nnodes),
                MasterAddr = parse.GetValue(masterAddr),
                MasterPort = parse.GetValue(masterPort),
            };
            var result = await TrainConfigWriter.WriteAsync(request, parse.GetValue(output)!.FullName, token);
            await WriteResultAsync(parse.InvocationConfiguration.Output, result, parse.GetValue(json));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static async Task WriteResultAsync(TextWriter writer, TrainConfigResult result, bool json)
    {
        if (json)
        {
            var obj = new JsonObject
            {
                ["yaml"] = result.YamlPath,
                ["deepspeed"] = result.DeepSpeedPath,
                ["commands"] = new JsonArray([.. result.Commands.Select(c => (JsonNode)JsonValue.Create(c))]),
            };
            await writer.WriteLineAsync(obj.ToJsonString(Indented));
            return;
        }
        await writer.WriteLineAsync($"wrote {result.YamlPath}");
        if (result.DeepSpeedPath is not null) await writer.WriteLineAsync($"wrote {result.DeepSpeedPath}");
        await writer.WriteLineAsync(result.Commands.Count == 1 ? "run:" : $"run on each of the {result.Commands.Count} nodes:");
        foreach (var line in result.Commands) await writer.WriteLineAsync("  " + line);
    }
}
