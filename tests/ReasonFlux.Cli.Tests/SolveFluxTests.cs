using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Cli.Tests;

public sealed class SolveFluxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("flux-cli-").FullName;

    private string LibraryPath
    {
        get
        {
            var path = Path.Combine(_dir, "library.json");
            if (!File.Exists(path)) File.WriteAllText(path, ScriptedFluxServer.Library);
            return path;
        }
    }

    [Fact]
    public async Task Flux_mode_solves_against_an_endpoint_and_writes_a_trace_that_trace_show_renders()
    {
        var roles = new ConcurrentQueue<string>();
        await using var server = ScriptedFluxServer.Start(roles);
        var trace = Path.Combine(_dir, "run.trace.json");
        var run = await CliRun.RunAsync("solve", "Find a_6.", "--mode", "flux", "--endpoint", server.BaseUri.ToString(), "--model", "m",
            "--library", LibraryPath, "--cache-dir", _dir, "--trace", trace, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("42", JsonDocument.Parse(run.Output).RootElement.GetProperty("answer").GetString());
        Assert.Equal(["plan", "adjust", "tutor", "student", "review", "tutor", "student", "review", "answer"], roles);

        var html = Path.Combine(_dir, "run.html");
        var show = await CliRun.RunAsync("trace", "show", trace, "--html", html);
        Assert.True(show.ExitCode == 0, show.Error);
        Assert.Contains("step 2 [Linear Recurrence Method]: Solve it", show.Output, StringComparison.Ordinal);
        Assert.Contains("</b> Set up the recurrence", await File.ReadAllTextAsync(html, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Navigator_endpoint_serves_the_navigator_roles_and_the_model_endpoint_the_student()
    {
        var navigatorRoles = new ConcurrentQueue<string>();
        var inferenceRoles = new ConcurrentQueue<string>();
        await using var navigator = ScriptedFluxServer.Start(navigatorRoles);
        await using var inference = ScriptedFluxServer.Start(inferenceRoles);
        var run = await CliRun.RunAsync("solve", "Find a_6.", "--mode", "flux", "--endpoint", inference.BaseUri.ToString(), "--model", "student-model",
            "--navigator-endpoint", navigator.BaseUri.ToString(), "--navigator-model", "navigator-model", "--library", LibraryPath, "--cache-dir", _dir, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["plan", "adjust", "tutor", "review", "tutor", "review"], navigatorRoles);
        Assert.Equal(["student", "student", "answer"], inferenceRoles);
        Assert.Equal("navigator-model", JsonNode.Parse(navigator.Requests[0].Body)!["model"]!.GetValue<string>());
    }

    [Fact]
    public async Task Piped_flux_solve_that_builds_the_index_prints_no_index_progress_or_time()
    {
        var roles = new ConcurrentQueue<string>();
        await using var server = ScriptedFluxServer.Start(roles);
        var run = await CliRun.RunAsync("solve", "Find a_6.", "--mode", "flux", "--endpoint", server.BaseUri.ToString(), "--model", "m",
            "--library", LibraryPath, "--cache-dir", Path.Combine(_dir, "fresh"));
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("answer: 42", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("template index", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', run.Output);
        Assert.DoesNotContain("template index", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("embedding templates", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Flux_budget_options_reach_the_solver()
    {
        var roles = new ConcurrentQueue<string>();
        await using var server = ScriptedFluxServer.Start(roles);
        var run = await CliRun.RunAsync("solve", "Find a_6.", "--mode", "flux", "--endpoint", server.BaseUri.ToString(), "--model", "m",
            "--library", LibraryPath, "--cache-dir", _dir, "--max-steps", "1", "--max-tokens", "64", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["plan", "adjust", "tutor", "student", "review", "answer"], roles);
        Assert.All(server.Requests, r => Assert.Equal(64, (r.Json!["max_completion_tokens"] ?? r.Json!["max_tokens"])!.GetValue<int>()));
    }

    [Fact]
    public async Task Flux_is_the_default_mode()
    {
        var roles = new ConcurrentQueue<string>();
        await using var server = ScriptedFluxServer.Start(roles);
        var run = await CliRun.RunAsync("solve", "Find a_6.", "--endpoint", server.BaseUri.ToString(), "--model", "m",
            "--library", LibraryPath, "--cache-dir", _dir, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("plan", roles.First());
        Assert.Equal("42", JsonDocument.Parse(run.Output).RootElement.GetProperty("answer").GetString());
    }

    [Fact]
    public async Task A_failed_solve_still_writes_the_trace_up_to_the_failure()
    {
        var roles = new ConcurrentQueue<string>();
        await using var server = ScriptedFluxServer.Start(roles);
        var answer = server.Responder;
        server.Responder = request => request.Body.Contains("You are a student", StringComparison.Ordinal)
            ? LoopbackReply.Error(401, "the key was revoked")
            : answer(request);
        var trace = Path.Combine(_dir, "failed.trace.json");
        var run = await CliRun.RunAsync("solve", "Find a_6.", "--endpoint", server.BaseUri.ToString(), "--model", "m",
            "--library", LibraryPath, "--cache-dir", _dir, "--trace", trace, "--retries", "1");
        Assert.True(run.ExitCode == 3, run.Error);
        Assert.Contains($"trace written to {trace}", run.Error, StringComparison.Ordinal);

        var show = await CliRun.RunAsync("trace", "show", trace);
        Assert.True(show.ExitCode == 0, show.Error);
        Assert.Contains("failed: ", show.Output, StringComparison.Ordinal);
        Assert.Contains("sample 0 (selected): failed", show.Output, StringComparison.Ordinal);
        Assert.Contains("trajectory v2 (adjusted to template Linear Recurrence Method)", show.Output, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(trace, TestContext.Current.CancellationToken));
        var calls = doc.RootElement.GetProperty("samples")[0].GetProperty("calls");
        Assert.Equal(["plan", "adjust", "tutor", "student"], calls.EnumerateArray().Select(c => c.GetProperty("role").GetString()));
        Assert.True(calls[3].TryGetProperty("error", out var error) && error.GetString()!.Length > 0);
    }

    [Fact]
    public async Task Thinking_budget_in_flux_mode_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("solve", "x", "--thinking-budget", "100", "--endpoint", "http://127.0.0.1:1/v1", "--model", "m");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--mode direct only", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--retrieval", "fuzzy", "--retrieval must be one of hierarchical, flat (got 'fuzzy')")]
    [InlineData("--select", "best", "--select must be one of majority, review (got 'best')")]
    [InlineData("--max-steps", "0", "--max-steps must be at least 1")]
    [InlineData("--navigator-endpoint", "http://127.0.0.1:1/v1", "--navigator-endpoint needs --navigator-model")]
    public async Task Bad_flux_options_are_usage_errors(string option, string value, string message)
    {
        var run = await CliRun.RunAsync("solve", "x", "--mode", "flux", option, value, "--endpoint", "http://127.0.0.1:1/v1", "--model", "m");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_show_of_a_malformed_file_names_the_file_and_line()
    {
        var path = Path.Combine(_dir, "bad.json");
        await File.WriteAllTextAsync(path, "{\"format\": 1,\n\"samples\": 3}", TestContext.Current.CancellationToken);
        var run = await CliRun.RunAsync("trace", "show", path);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {path}: line 2", run.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
