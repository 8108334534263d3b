using System.Text.Json.Nodes;
using ReasonFlux.Models.Tests.Loopback;
using ReasonFlux.Tests;

namespace ReasonFlux.Cli.Tests;

public sealed class DataCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"rf-data-cli-{Guid.NewGuid():N}");

    public DataCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string In(string name) => Path.Combine(_dir, name);

    [Fact]
    public async Task Longcot_sft_from_an_eval_run_writes_sharegpt_data_and_warns_about_long_examples()
    {
        var eval = await CliRun.RunAsync("eval", "--benchmark", "math500", "--data", SharedData.Path("benchmarks/math500.jsonl"), "--solver", "reference",
            "--out", In("run"), "--limit", "3");
        Assert.Equal(0, eval.ExitCode);
        var run = await CliRun.RunAsync("data", "sft", "--from", In("run"), "--kind", "longcot", "--format", "sharegpt", "--out", In("data"),
            "--tokenizer", SharedData.Path("models/qwen2-tokenizer"), "--cutoff-len", "60", "--json");
        Assert.Equal(0, run.ExitCode);
        var report = JsonNode.Parse(run.Output)!;
        Assert.True(report["examples"]!.GetValue<int>() > 0);
        Assert.Equal(report["examples"]!.GetValue<int>(), report["tokens"]!["over_cutoff"]!.GetValue<int>());
        Assert.Contains("exceed cutoff_len 60", run.Error, StringComparison.Ordinal);
        var info = JsonNode.Parse(await File.ReadAllTextAsync(In("data/dataset_info.json"), TestContext.Current.CancellationToken))!;
        Assert.Equal("sharegpt", info["reasonflux_longcot"]!["formatting"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pairs_from_a_loopback_model_are_written_as_a_ranking_dataset()
    {
        await File.WriteAllTextAsync(In("b.jsonl"), "{\"id\": \"q0\", \"problem\": \"What is 1+1?\", \"answer\": \"2\"}\n", TestContext.Current.CancellationToken);
        await using var server = LoopbackChatServer.Start();
        var plans = 0;
        server.Responder = request =>
        {
            var body = request.Body;
            string text;
            if (body.Contains("design a reasoning trajectory", StringComparison.Ordinal))
            {
                var method = Interlocked.Increment(ref plans) % 2 == 0 ? "Good Method" : "Bad Method";
                text = $$"""{"Problem": "p", "General Knowledge Category": "Arithmetic", "Specific Direction": "Sums", "Applied Method": "{{method}}", "Examined Knowledge": [], "reason_flow": ["Add"]}""";
            }
            else text = body.Contains("Good Method", StringComparison.Ordinal) ? "\\boxed{2}" : "\\boxed{3}";
            return LoopbackReply.Completion(text);
        };
        var run = await CliRun.RunAsync("data", "pairs", "--benchmark", In("b.jsonl"), "--trajectories", "2", "--instantiations", "2", "--out", In("pairs"),
            "--endpoint", server.BaseUri.ToString(), "--model", "m", "--api-key", "k", "--json");
        Assert.Equal(0, run.ExitCode);
        var rows = JsonNode.Parse(await File.ReadAllTextAsync(In("pairs/reasonflux_pairs.json"), TestContext.Current.CancellationToken))!.AsArray();
        var pair = Assert.Single(rows)!;
        Assert.Contains("Good Method", pair["chosen"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Bad Method", pair["rejected"]!.GetValue<string>(), StringComparison.Ordinal);
        var info = JsonNode.Parse(await File.ReadAllTextAsync(In("pairs/dataset_info.json"), TestContext.Current.CancellationToken))!;
        Assert.True(info["reasonflux_pairs"]!["ranking"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Sft_from_a_folder_without_a_run_fails_naming_it()
    {
        Directory.CreateDirectory(In("empty"));
        var run = await CliRun.RunAsync("data", "sft", "--from", In("empty"), "--kind", "longcot", "--out", In("data"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(In("empty"), run.Error, StringComparison.Ordinal);
    }
}
