using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace ReasonFlux.Cli.Tests;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"rf-train-cli-{Guid.NewGuid():N}");

    public TrainCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Train_config_writes_yaml_and_deepspeed_and_prints_the_launch_command()
    {
        var yaml = Path.Combine(_dir, "f1.yaml");
        var run = await CliRun.RunAsync("train", "config", "--stage", "sft", "--preset", "f1", "--base", "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
            "--dataset", "rf_longcot", "--out", yaml, "--set", "learning_rate=2e-6", "--set", "num_train_epochs=1", "--nproc", "8");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"FORCE_TORCHRUN=1 NPROC_PER_NODE=8 llamafactory-cli train {yaml}", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dir, "ds_z3_offload_config.json")));
        var stream = new YamlStream();
        using (var reader = new StreamReader(yaml)) stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        Assert.Equal("2.0e-6", root.Children[new YamlScalarNode("learning_rate")].ToString());
        Assert.Equal("1.0", root.Children[new YamlScalarNode("num_train_epochs")].ToString());
        Assert.Equal("16384", root.Children[new YamlScalarNode("cutoff_len")].ToString());
    }

    [Fact]
    public async Task Train_config_json_lists_one_command_per_node()
    {
        var run = await CliRun.RunAsync("train", "config", "--preset", "zero", "--stage", "dpo", "--base", "Qwen/Qwen2.5-32B-Instruct", "--dataset", "rf_pairs",
            "--out", Path.Combine(_dir, "z.yaml"), "--nnodes", "2", "--master-addr", "10.1.2.3", "--json");
        Assert.Equal(0, run.ExitCode);
        var commands = JsonNode.Parse(run.Output)!["commands"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(2, commands.Count);
        Assert.Contains("NODE_RANK=1", commands[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_set_is_a_usage_error_naming_it()
    {
        var run = await CliRun.RunAsync("train", "config", "--preset", "f1", "--base", "m", "--dataset", "d", "--out", Path.Combine(_dir, "x.yaml"), "--set", "lr");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: override 1 ('lr'): expected key=value", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "x.yaml")));
    }
}
