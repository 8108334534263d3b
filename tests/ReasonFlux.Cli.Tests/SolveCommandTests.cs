using System.Text.Json;
using ReasonFlux.Tests;

namespace ReasonFlux.Cli.Tests;

/// <summary><c>solve</c> in direct mode (ReasonFlux-F1) on the real GGUF, and the errors every mode shares.</summary>
public sealed class SolveCommandTests
{
    private static readonly string Stories = SharedData.Stories260K;

    [Theory]
    [InlineData("solve")]
    [InlineData("eval")]
    public async Task Max_tokens_help_gives_each_mode_its_own_default_and_no_single_one(string command)
    {
        var run = await CliRun.RunAsync(command, "--help");
        var line = run.Output.Split('\n').Single(l => l.TrimStart().StartsWith("--max-tokens", StringComparison.Ordinal));
        Assert.Contains("flux: most tokens per model call (default 3072)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("[default:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Solve_json_end_to_end_on_stories260K_prints_the_documented_object()
    {
        var run = await CliRun.RunAsync("solve", "Once upon a time", "--mode", "direct", "--model", Stories, "--chat-format", "raw",
            "--max-tokens", "24", "--temperature", "0", "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        var root = doc.RootElement;
        foreach (var key in new[] { "answer", "text", "thinking", "usage", "elapsed_ms", "model" })
            Assert.True(root.TryGetProperty(key, out _), $"missing {key}");
        Assert.Equal(24, root.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
        Assert.True(root.GetProperty("usage").GetProperty("prompt_tokens").GetInt32() > 0);
        Assert.Equal("stories260K", root.GetProperty("model").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Solve_json_is_deterministic_with_greedy_decoding()
    {
        string[] args = ["solve", "Once upon a time", "--mode", "direct", "--model", Stories, "--max-tokens", "20", "--temperature", "0", "--json"];
        var a = JsonDocument.Parse((await CliRun.RunAsync(args)).Output).RootElement.GetProperty("text").GetString();
        var b = JsonDocument.Parse((await CliRun.RunAsync(args)).Output).RootElement.GetProperty("text").GetString();
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task Solve_reads_the_problem_from_a_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"problem-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "Once upon a time", TestContext.Current.CancellationToken);
        try
        {
            var run = await CliRun.RunAsync("solve", "--file", file, "--mode", "direct", "--model", Stories, "--max-tokens", "10", "--temperature", "0");
            Assert.Equal(0, run.ExitCode);
            Assert.Contains("answer:", run.Output, StringComparison.Ordinal);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task Thinking_budget_reaches_the_solver_from_the_command_line()
    {
        var run = await CliRun.RunAsync("solve", "Once upon a time", "--mode", "direct", "--model", Stories, "--max-tokens", "40", "--temperature", "0",
            "--thinking-budget", "8", "--json");
        Assert.Equal(0, run.ExitCode);
        var text = JsonDocument.Parse(run.Output).RootElement.GetProperty("text").GetString();
        Assert.Contains("</think>\n\nFinal answer: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_problem_file_is_a_usage_error_naming_the_file()
    {
        var run = await CliRun.RunAsync("solve", "--file", "/no/such/problem.txt", "--model", Stories);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: /no/such/problem.txt: problem file not found", run.Error.Split('\n')[0].Trim());
    }

    [Fact]
    public async Task Missing_model_file_is_a_model_error_on_one_line()
    {
        var run = await CliRun.RunAsync("solve", "1+1", "--model", "/no/such/model.gguf");
        Assert.Equal(3, run.ExitCode);
        Assert.Equal("error: /no/such/model.gguf: model file not found", run.Error.Split('\n')[0].Trim());
    }

    [Fact]
    public async Task Corrupt_model_file_is_a_model_error()
    {
        var file = Path.Combine(Path.GetTempPath(), $"corrupt-{Guid.NewGuid():N}.gguf");
        await File.WriteAllBytesAsync(file, new byte[1000], TestContext.Current.CancellationToken);
        try
        {
            var run = await CliRun.RunAsync("solve", "1+1", "--model", file);
            Assert.Equal(3, run.ExitCode);
            Assert.Contains("not a GGUF file", run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public async Task Unreachable_endpoint_is_a_model_error_saying_so()
    {
        var run = await CliRun.RunAsync("solve", "1+1", "--endpoint", "http://127.0.0.1:9/v1", "--model", "any", "--retries", "1");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("cannot reach http://127.0.0.1:9/v1", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Offline_default_model_pull_says_how_to_pass_a_model()
    {
        var cache = Path.Combine(Path.GetTempPath(), $"rf-cache-{Guid.NewGuid():N}");
        var run = await CliRun.RunAsync("solve", "1+1", "--cache-dir", cache, "--hub-url", "http://127.0.0.1:9");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("--model PATH.gguf", run.Error, StringComparison.Ordinal);
        Assert.Contains("--endpoint URL", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thinking_budget_not_below_max_tokens_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("solve", "1+1", "--mode", "direct", "--model", Stories, "--max-tokens", "10", "--thinking-budget", "10");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: --thinking-budget must be between 1 and 9, below the max tokens (got 10)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verbose_adds_the_stack_trace()
    {
        var run = await CliRun.RunAsync("solve", "1+1", "--model", "/no/such/model.gguf", "--verbose");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("   at ", run.Error, StringComparison.Ordinal);
    }
}
