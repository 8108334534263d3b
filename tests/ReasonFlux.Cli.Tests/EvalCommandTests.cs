using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Models.Tests.Loopback;
using ReasonFlux.Tests;

namespace ReasonFlux.Cli.Tests;

public sealed class EvalCommandTests : IDisposable
{
    private static readonly string Aime25 = SharedData.Path("benchmarks/aime25.jsonl");
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-eval-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A loopback server that answers even-numbered AIME25 problems correctly and the others with 0.</summary>
    private static LoopbackChatServer ScriptedServer(TimeSpan delay)
    {
        var problems = BenchmarkLoader.Load(BenchmarkCatalog.Find("aime25")!, Aime25).Problems;
        var server = LoopbackChatServer.Start();
        server.Responder = request =>
        {
            var prompt = request.JsonObject["messages"]!.AsArray().Last()!["content"]!.ToString();
            var index = problems.ToList().FindIndex(p => prompt.Contains(p.Problem, StringComparison.Ordinal));
            var answer = index >= 0 && index % 2 == 0 ? problems[index].Answer : "0";
            return LoopbackReply.StreamedCompletion(["So the answer is ", $"\\boxed{{{answer}}}."]) with { Delay = delay };
        };
        return server;
    }

    private static JsonElement Summary(string runDir) => JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir, "summary.json"))).RootElement;

    private static List<(string Id, long Index, string At)> StoredSamples(string runDir)
    {
        using var db = new SqliteConnection($"Data Source={Path.Combine(runDir, "results.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        // The run may have created the file but not yet its tables.
        cmd.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'samples'";
        if (Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0) return [];
        cmd.CommandText = "SELECT problem_id, sample_index, completed_utc FROM samples";
        using var r = cmd.ExecuteReader();
        var list = new List<(string, long, string)>();
        while (r.Read()) list.Add((r.GetString(0), r.GetInt64(1), r.GetString(2)));
        return list;
    }

    [Fact]
    public async Task Reference_solver_on_aime25_scores_100_percent_and_writes_summary_json()
    {
        var run = await CliRun.RunAsync("eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "reference", "--out", _dir, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        var printed = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(1.0, printed.GetProperty("pass@1").GetDouble());
        Assert.Equal(30, Summary(_dir).GetProperty("samples").GetInt32());
        Assert.False(Summary(_dir).GetProperty("subset").GetBoolean());
        Assert.Equal(30, Summary(_dir).GetProperty("benchmark_problems").GetInt32());
    }

    [Fact]
    public async Task Limit_run_is_marked_as_a_subset_in_summary_json_and_the_printed_summary()
    {
        var run = await CliRun.RunAsync("eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "reference", "--limit", "5", "--out", _dir);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("5/5 problems (subset: 5 of 30, --limit) × 1 sample", run.Output, StringComparison.Ordinal);
        var summary = Summary(_dir);
        Assert.True(summary.GetProperty("subset").GetBoolean());
        Assert.Equal(5, summary.GetProperty("problems_total").GetInt32());
        Assert.Equal(30, summary.GetProperty("benchmark_problems").GetInt32());

        // A --limit as large as the benchmark runs all of it: not a subset.
        var all = Path.Combine(_dir, "all");
        Assert.Equal(0, (await CliRun.RunAsync("eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "reference", "--limit", "100", "--out", all)).ExitCode);
        Assert.False(Summary(all).GetProperty("subset").GetBoolean());
    }

    [Fact]
    public async Task Run_killed_with_sigkill_resumes_to_the_same_numbers_without_duplicates()
    {
        await using var server = ScriptedServer(TimeSpan.FromMilliseconds(300));
        var killed = Path.Combine(_dir, "killed");
        string[] args = ["eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "direct", "--endpoint", server.BaseUri.ToString(),
            "--model", "m", "--samples", "2", "--limit", "10", "--concurrency", "2", "--max-tokens", "64", "--out", killed];
        var child = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "reasonflux.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var deadline = Stopwatch.StartNew();
        // Drain the child's output so a full pipe never stalls it; read it only to explain a failure.
        var stderr = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        while (!File.Exists(Path.Combine(killed, "results.db")) || StoredSamples(killed).Count < 4)
        {
            if (child.HasExited) Assert.Fail("the run ended before it could be killed: " + await stderr);
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "no samples were stored within 60 s");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        child.Kill(entireProcessTree: true); // SIGKILL on Linux
        await child.WaitForExitAsync(TestContext.Current.CancellationToken);
        await Task.WhenAll(stderr, stdout);
        var beforeResume = StoredSamples(killed);
        Assert.InRange(beforeResume.Count, 4, 19);
        Assert.False(File.Exists(Path.Combine(killed, "summary.json")));

        var resumed = await CliRun.RunAsync([.. args, "--resume"]);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var after = StoredSamples(killed);
        Assert.Equal(20, after.Count);
        Assert.Equal(20, after.Select(s => (s.Id, s.Index)).Distinct().Count());
        Assert.All(beforeResume, s => Assert.Contains(s, after)); // nothing done was redone

        var whole = Path.Combine(_dir, "whole");
        var uninterrupted = await CliRun.RunAsync([.. args[..^1], whole]);
        Assert.True(uninterrupted.ExitCode == 0, uninterrupted.Error);
        Assert.Equal(0.5, Summary(killed).GetProperty("pass@1").GetDouble(), 9);
        Assert.Equal(Summary(whole).GetProperty("pass@1").GetDouble(), Summary(killed).GetProperty("pass@1").GetDouble());
        Assert.Equal(Summary(whole).GetProperty("maj@k").GetDouble(), Summary(killed).GetProperty("maj@k").GetDouble());
    }

    [Fact]
    public async Task Resume_with_other_parameters_is_refused_with_exit_code_2()
    {
        var first = await CliRun.RunAsync("eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "reference", "--out", _dir, "--limit", "3");
        Assert.Equal(0, first.ExitCode);
        var again = await CliRun.RunAsync("eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "reference", "--out", _dir, "--limit", "5", "--resume");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("limit: 3 → 5", again.Error);
    }

    [Fact]
    public async Task Unknown_solver_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "magic", "--out", _dir);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--solver must be one of direct, flux, reference (got 'magic')", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_custom_jsonl_error_names_file_line_and_field()
    {
        var path = Path.Combine(_dir, "mine.jsonl");
        File.WriteAllLines(path, ["{\"q\":\"1+1\",\"a\":\"2\"}", "{\"q\":\"2+2\",\"b\":\"4\"}"]);
        var run = await CliRun.RunAsync("eval", "--benchmark", path, "--field-problem", "q", "--field-answer", "a", "--solver", "reference", "--out", Path.Combine(_dir, "r"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{path}:2: field 'a': missing", run.Error);
    }

    [Fact]
    public async Task Stories260K_end_to_end_with_limit_5_completes_and_reports_accuracy()
    {
        var run = await CliRun.RunAsync("eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "direct", "--model", SharedData.Stories260K,
            "--chat-format", "raw", "--limit", "5", "--max-tokens", "48", "--temperature", "0", "--concurrency", "1", "--out", _dir, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        var summary = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(5, summary.GetProperty("samples").GetInt32());
        Assert.InRange(summary.GetProperty("pass@1").GetDouble(), 0, 0.2);
    }

    [Fact]
    public async Task Two_endpoints_with_one_down_lose_no_samples()
    {
        await using var server = ScriptedServer(TimeSpan.Zero);
        var down = $"http://127.0.0.1:{LoopbackChatServer.UnusedPort()}/v1";
        var run = await CliRun.RunAsync("eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "direct", "--endpoint", down,
            "--endpoint", server.BaseUri.ToString(), "--model", "m", "--limit", "10", "--concurrency", "4", "--out", _dir, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        var summary = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(0, summary.GetProperty("errors").GetInt32());
        Assert.Equal(10, summary.GetProperty("samples").GetInt32());
        Assert.Equal(0.5, summary.GetProperty("pass@1").GetDouble(), 9);
    }

    [Fact]
    public async Task Server_errors_are_retried_and_the_run_completes()
    {
        await using var server = ScriptedServer(TimeSpan.Zero);
        server.Enqueue(LoopbackReply.Error(503, "busy"));
        var run = await CliRun.RunAsync("eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "direct", "--endpoint", server.BaseUri.ToString(),
            "--model", "m", "--limit", "2", "--concurrency", "1", "--retries", "3", "--out", _dir, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(0, JsonDocument.Parse(run.Output).RootElement.GetProperty("errors").GetInt32());
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task Sample_timeout_records_a_timeout_failure_and_the_run_finishes()
    {
        var problems = BenchmarkLoader.Load(BenchmarkCatalog.Find("aime25")!, Aime25).Problems;
        await using var server = LoopbackChatServer.Start();
        server.Responder = request =>
        {
            var prompt = request.JsonObject["messages"]!.AsArray().Last()!["content"]!.ToString();
            var stuck = prompt.Contains(problems[2].Problem, StringComparison.Ordinal);
            var answer = problems.FirstOrDefault(p => prompt.Contains(p.Problem, StringComparison.Ordinal))?.Answer ?? "0";
            return LoopbackReply.StreamedCompletion([$"\\boxed{{{answer}}}"]) with { Delay = stuck ? TimeSpan.FromMinutes(2) : TimeSpan.Zero };
        };
        var run = await CliRun.RunAsync("eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "direct", "--endpoint", server.BaseUri.ToString(),
            "--model", "m", "--limit", "4", "--concurrency", "4", "--sample-timeout", "3", "--out", _dir);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("timeout 1", run.Output, StringComparison.Ordinal); // failures by kind
        Assert.Contains("warning: 1 of 4 samples failed (1 timeout, 0 error)", run.Error, StringComparison.Ordinal);
        var summary = Summary(_dir);
        Assert.Equal(1, summary.GetProperty("failures").GetProperty("timeout").GetInt32());
        Assert.Equal(3, summary.GetProperty("samples").GetInt32());
        Assert.Equal(0.75, summary.GetProperty("pass@1").GetDouble(), 9);
    }

    [Fact]
    public async Task Run_where_every_sample_fails_exits_3_naming_the_error_and_keeps_its_summary()
    {
        var down = $"http://127.0.0.1:{LoopbackChatServer.UnusedPort()}/v1";
        var run = await CliRun.RunAsync("eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "direct", "--endpoint", down,
            "--model", "m", "--limit", "2", "--retries", "1", "--out", _dir);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("error: every sample failed (2 of 2); first: ", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, Summary(_dir).GetProperty("errors").GetInt32());
    }
}
