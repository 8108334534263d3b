using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ReasonFlux.Training.Configs;
using YamlDotNet.RepresentationModel;

namespace ReasonFlux.Training.Tests.Configs;

public sealed class TrainConfigWriterTests
{
    // PyYAML (YAML 1.1), which LLaMA-Factory uses, reads a scalar as a float only in this shape; "1e-05" would be a string.
    private static readonly Regex PyYamlFloat = new(@"^[-+]?([0-9][0-9_]*)?\.[0-9.]*([eE][-+][0-9]+)?$");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TrainConfigRequest Request(TrainPreset preset, TrainStage stage = TrainStage.Sft) => new()
    {
        Preset = preset,
        Stage = stage,
        BaseModel = "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B",
        Dataset = "reasonflux_longcot",
        DatasetDir = "/data/rf",
    };

    private static async Task<(TrainConfigResult Result, YamlMappingNode Yaml)> WriteAsync(TempDir dir, TrainConfigRequest request)
    {
        var result = await TrainConfigWriter.WriteAsync(request, dir.File("train.yaml"), Ct);
        var stream = new YamlStream();
        using (var reader = new StreamReader(result.YamlPath)) stream.Load(reader);
        return (result, (YamlMappingNode)stream.Documents[0].RootNode);
    }

    private static string Scalar(YamlMappingNode yaml, string key) =>
        ((YamlScalarNode)yaml.Children[new YamlScalarNode(key)]).Value!;

    [Fact]
    public async Task F1_preset_yaml_parses_and_has_the_seeds_hyper_parameters()
    {
        using var dir = new TempDir();
        var (_, yaml) = await WriteAsync(dir, Request(TrainPreset.F1));
        Assert.Equal("sft", Scalar(yaml, "stage"));
        Assert.Equal("full", Scalar(yaml, "finetuning_type"));
        Assert.Equal("16384", Scalar(yaml, "cutoff_len"));
        Assert.Equal(1.0e-5, double.Parse(Scalar(yaml, "learning_rate"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("5.0", Scalar(yaml, "num_train_epochs"));
        Assert.Equal(("1", "2"), (Scalar(yaml, "per_device_train_batch_size"), Scalar(yaml, "gradient_accumulation_steps")));
        Assert.Equal(("cosine", "true"), (Scalar(yaml, "lr_scheduler_type"), Scalar(yaml, "bf16")));
        Assert.Equal("deepseekr1", Scalar(yaml, "template"));
    }

    [Fact]
    public async Task Zero_preset_yaml_has_the_navigator_sft_hyper_parameters()
    {
        using var dir = new TempDir();
        var (_, yaml) = await WriteAsync(dir, Request(TrainPreset.Zero) with { BaseModel = "Qwen/Qwen2.5-32B-Instruct" });
        Assert.Equal("2048", Scalar(yaml, "cutoff_len"));
        Assert.Equal(2.0e-5, double.Parse(Scalar(yaml, "learning_rate"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("3.0", Scalar(yaml, "num_train_epochs"));
        Assert.Equal(("4", "8"), (Scalar(yaml, "per_device_train_batch_size"), Scalar(yaml, "gradient_accumulation_steps")));
        Assert.Equal(("Qwen/Qwen2.5-32B-Instruct", "qwen"), (Scalar(yaml, "model_name_or_path"), Scalar(yaml, "template")));
    }

    [Fact]
    public async Task Every_float_is_written_so_that_pyyaml_reads_a_float()
    {
        using var dir = new TempDir();
        var (result, yaml) = await WriteAsync(dir, Request(TrainPreset.F1, TrainStage.Dpo) with { Overrides = ["max_grad_norm=1", "weight_decay=0.00001"] });
        var floats = result.Settings.Where(s => s.Value is double).Select(s => Scalar(yaml, s.Key)).ToList();
        Assert.Contains("1.0e-5", floats);
        Assert.All(floats, f => Assert.Matches(PyYamlFloat, f));
    }

    [Fact]
    public async Task Overrides_replace_preset_values_and_unknown_keys_are_added()
    {
        using var dir = new TempDir();
        var (_, yaml) = await WriteAsync(dir, Request(TrainPreset.F1) with
        {
            Overrides = ["learning_rate=5e-6", "num_train_epochs=2", "cutoff_len=32768", "flash_attn=fa2", "report_to=wandb", "save_steps="],
        });
        Assert.Equal("5.0e-6", Scalar(yaml, "learning_rate"));
        Assert.Equal("2.0", Scalar(yaml, "num_train_epochs"));
        Assert.Equal("32768", Scalar(yaml, "cutoff_len"));
        Assert.Equal(("fa2", "wandb"), (Scalar(yaml, "flash_attn"), Scalar(yaml, "report_to")));
        Assert.False(yaml.Children.ContainsKey(new YamlScalarNode("save_steps")));
    }

    [Fact]
    public async Task String_values_that_look_like_numbers_or_bools_are_quoted()
    {
        using var dir = new TempDir();
        var result = await TrainConfigWriter.WriteAsync(Request(TrainPreset.F1) with { Dataset = "2024", Overrides = ["run_name='yes'"] }, dir.File("t.yaml"), Ct);
        var text = await File.ReadAllTextAsync(result.YamlPath, Ct);
        Assert.Contains("dataset: \"2024\"", text, StringComparison.Ordinal);
        Assert.Contains("run_name: \"yes\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dpo_stage_sets_preference_keys()
    {
        using var dir = new TempDir();
        var (_, yaml) = await WriteAsync(dir, Request(TrainPreset.Zero, TrainStage.Dpo));
        Assert.Equal(("dpo", "0.1", "sigmoid"), (Scalar(yaml, "stage"), Scalar(yaml, "pref_beta"), Scalar(yaml, "pref_loss")));
    }

    [Fact]
    public async Task DeepSpeed_zero3_offload_json_is_written_beside_the_yaml_and_referenced()
    {
        using var dir = new TempDir();
        var (result, yaml) = await WriteAsync(dir, Request(TrainPreset.F1));
        Assert.Equal(dir.File("ds_z3_offload_config.json"), result.DeepSpeedPath);
        Assert.Equal(result.DeepSpeedPath, Scalar(yaml, "deepspeed"));
        var json = JsonNode.Parse(await File.ReadAllTextAsync(result.DeepSpeedPath!, Ct))!;
        Assert.Equal(3, json["zero_optimization"]!["stage"]!.GetValue<int>());
        Assert.Equal("cpu", json["zero_optimization"]!["offload_optimizer"]!["device"]!.GetValue<string>());
        Assert.Equal("cpu", json["zero_optimization"]!["offload_param"]!["device"]!.GetValue<string>());
        Assert.Equal("auto", json["train_micro_batch_size_per_gpu"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_deepspeed_no_json_is_written_and_the_key_is_absent()
    {
        using var dir = new TempDir();
        var (result, yaml) = await WriteAsync(dir, Request(TrainPreset.F1) with { DeepSpeed = DeepSpeedMode.None });
        Assert.Null(result.DeepSpeedPath);
        Assert.False(yaml.Children.ContainsKey(new YamlScalarNode("deepspeed")));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task Multi_node_launch_gives_one_torchrun_command_per_node()
    {
        using var dir = new TempDir();
        var (result, _) = await WriteAsync(dir, Request(TrainPreset.Zero) with { Nnodes = 2, NprocPerNode = 8, MasterAddr = "10.0.0.1" });
        Assert.Equal(
            [
                $"FORCE_TORCHRUN=1 NNODES=2 NODE_RANK=0 NPROC_PER_NODE=8 MASTER_ADDR=10.0.0.1 MASTER_PORT=29500 llamafactory-cli train {result.YamlPath}",
                $"FORCE_TORCHRUN=1 NNODES=2 NODE_RANK=1 NPROC_PER_NODE=8 MASTER_ADDR=10.0.0.1 MASTER_PORT=29500 llamafactory-cli train {result.YamlPath}",
            ],
            result.Commands);
    }

    [Fact]
    public async Task Single_gpu_without_deepspeed_runs_plain_llamafactory_cli()
    {
        using var dir = new TempDir();
        var (result, _) = await WriteAsync(dir, Request(TrainPreset.F1) with { DeepSpeed = DeepSpeedMode.None });
        Assert.Equal([$"llamafactory-cli train {result.YamlPath}"], result.Commands);
    }

    [Theory]
    [InlineData("learning_rate")]
    [InlineData("Learning-Rate=1")]
    [InlineData("=3")]
    public async Task Malformed_override_is_rejected_naming_it_and_nothing_is_written(string assignment)
    {
        using var dir = new TempDir();
        var error = await Assert.ThrowsAsync<TrainConfigException>(() => TrainConfigWriter.WriteAsync(Request(TrainPreset.F1) with { Overrides = [assignment] }, dir.File("t.yaml"), Ct));
        Assert.Contains(assignment, error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public async Task Several_nodes_without_a_master_address_are_rejected()
    {
        using var dir = new TempDir();
        var error = await Assert.ThrowsAsync<SettingException>(() => TrainConfigWriter.WriteAsync(Request(TrainPreset.F1) with { Nnodes = 2 }, dir.File("t.yaml"), Ct));
        Assert.True(error.IsMissing);
        Assert.Equal("TrainConfigRequest.MasterAddr", error.Setting.Key);
        Assert.Equal("2 nodes need the address of node 0: set the master address", error.Message);
    }

    private static TrainConfigRequest Registered(TempDir dir, string dataset, TrainStage stage, string info)
    {
        var data = Path.GetDirectoryName(dir.File("data/x"))!;
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "dataset_info.json"), info);
        return Request(TrainPreset.Zero, stage) with { Dataset = dataset, DatasetDir = data };
    }

    [Fact]
    public async Task A_dataset_missing_from_the_reachable_dataset_info_is_refused()
    {
        using var dir = new TempDir();
        var request = Registered(dir, "rf_typo", TrainStage.Sft, """{"rf_nav": {"file_name": "rf_nav.json"}}""");
        var ex = await Assert.ThrowsAsync<TrainConfigException>(() => TrainConfigWriter.WriteAsync(request, dir.File("t.yaml"), Ct));
        Assert.Contains("dataset 'rf_typo' is not registered", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rf_nav", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("t.yaml")));
    }

    [Fact]
    public async Task Dpo_with_a_dataset_that_is_not_ranking_is_refused()
    {
        using var dir = new TempDir();
        var request = Registered(dir, "rf_nav", TrainStage.Dpo, """{"rf_nav": {"file_name": "rf_nav.json"}}""");
        var ex = await Assert.ThrowsAsync<SettingException>(() => TrainConfigWriter.WriteAsync(request, dir.File("t.yaml"), Ct));
        Assert.Equal("TrainConfigRequest.Stage", ex.Setting.Key);
        Assert.StartsWith("stage dpo needs a preference dataset", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dpo_with_a_ranking_dataset_is_written()
    {
        using var dir = new TempDir();
        var request = Registered(dir, "rf_pairs", TrainStage.Dpo, """{"rf_pairs": {"file_name": "rf_pairs.json", "ranking": true}}""");
        var (result, _) = await WriteAsync(dir, request);
        Assert.True(File.Exists(result.YamlPath));
    }

    [Fact]
    public async Task Dataset_dir_is_written_absolute_like_the_deepspeed_path()
    {
        using var dir = new TempDir();
        var (result, yaml) = await WriteAsync(dir, Request(TrainPreset.F1) with { DatasetDir = "relative/data" });
        Assert.True(Path.IsPathRooted(Scalar(yaml, "dataset_dir")));
        Assert.True(Path.IsPathRooted(Scalar(yaml, "deepspeed")));
        Assert.Equal(result.DeepSpeedPath, Scalar(yaml, "deepspeed"));
    }
}
