using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ReasonFlux.Models.Tests.Loopback;
using ReasonFlux.Tests;

namespace ReasonFlux.Cli.Tests;

/// <summary>`templates distill` end to end: a real reference eval run as the source, a scripted loopback server or the real GGUF as the distiller.</summary>
public sealed class TemplatesDistillCommandTests : IDisposable
{
    private static readonly string Aime25 = SharedData.Path("benchmarks/aime25.jsonl");
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-cli-distill-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string Cache => Path.Combine(_dir, "cache");

    /// <summary>A reference-solver eval run over the first problems of AIME 2025: every sample graded correct.</summary>
    private async Task<string> ReferenceRunAsync(int limit)
    {
        var runDir = Path.Combine(_dir, "run");
        var run = await CliRun.RunAsync("eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "reference", "--limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", runDir, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        return runDir;
    }

    /// <summary>Two different methods, each answering with the accepted answer the prompt states.</summary>
    private static LoopbackReply Distil(RecordedRequest request)
    {
        var prompt = request.JsonObject["messages"]![0]!["content"]!.ToString();
        var answer = Regex.Match(prompt, @"Accepted final answer: (.+)").Groups[1].Value.Trim();
        var bases = prompt.Contains("integer bases", StringComparison.Ordinal);
        var template = new JsonObject
        {
            ["template_name"] = bases ? "Divisibility of Numerals Written in an Unknown Base" : "Reflections and Area Ratios in a Triangle",
            ["template_type"] = "Problem Solving Method",
            ["knowledge_tag"] = new JsonArray(bases ? "bases" : "reflections", bases ? "divisibility" : "area ratios"),
            ["description"] = bases ? "Translate numerals in base b into polynomials in b and turn the divisibility into a condition on b." : "Use reflections across points to relate areas of polygons inside a triangle to the whole.",
            ["application_scenario"] = new JsonArray(bases ? "A divisibility between numbers written in an unknown base" : "Areas of figures built by reflecting points of a triangle"),
            ["reason_flow"] = new JsonArray(bases ? "Write each numeral as a polynomial in b" : "Place the points with ratios along the sides", bases ? "Divide and require the remainder to vanish" : "Express reflected areas through the triangle's area", "Collect the admissible values and combine them"),
            ["example_application"] = new JsonObject { ["example_problem"] = "the problem", ["solution_steps"] = new JsonArray("a", "b"), ["final_answer"] = answer },
            ["chapter"] = bases ? "Number Theory" : "Geometry",
            ["section"] = bases ? "Digits and bases" : "Triangles",
        };
        return LoopbackReply.Completion(template.ToJsonString());
    }

    [Fact]
    public async Task Distill_over_loopback_writes_valid_merged_and_delta_libraries_that_eval_retrieval_reads()
    {
        var runDir = await ReferenceRunAsync(2);
        await using var server = LoopbackChatServer.Start();
        server.Responder = Distil;
        var merged = Path.Combine(_dir, "grown.json");

        var run = await CliRun.RunAsync("templates", "--cache-dir", Cache, "distill", "--from", runDir, "--out", merged,
            "--endpoint", server.BaseUri.ToString(), "--model", "distiller", "--concurrency", "2", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var result = JsonNode.Parse(run.Output)!;
        Assert.Equal(2, result["summary"]!["kept"]!.GetValue<int>());
        var delta = result["delta"]!.GetValue<string>();
        foreach (var file in new[] { merged, delta })
        {
            var check = await CliRun.RunAsync("templates", "validate", file);
            Assert.True(check.ExitCode == 0, check.Output);
        }
        var eval = await CliRun.RunAsync("templates", "--cache-dir", Cache, "--library", merged, "eval-retrieval", "--queries", delta, "--json");
        Assert.True(eval.ExitCode == 0, eval.Error);
        Assert.Equal(2, JsonDocument.Parse(eval.Output).RootElement.GetProperty("queries").GetInt32());
    }

    [Fact]
    public async Task Eval_retrieval_refuses_queries_that_are_not_in_the_library()
    {
        var runDir = await ReferenceRunAsync(1);
        await using var server = LoopbackChatServer.Start();
        server.Responder = Distil;
        var merged = Path.Combine(_dir, "grown.json");
        var run = await CliRun.RunAsync("templates", "--cache-dir", Cache, "distill", "--from", runDir, "--out", merged, "--endpoint", server.BaseUri.ToString(), "--model", "d", "--json");
        Assert.True(run.ExitCode == 0, run.Error);

        var eval = await CliRun.RunAsync("templates", "--cache-dir", Cache, "eval-retrieval", "--queries", JsonNode.Parse(run.Output)!["delta"]!.GetValue<string>());

        Assert.Equal(2, eval.ExitCode);
        Assert.Contains("is not in starter", eval.Error);
    }

    [Fact]
    public async Task Distill_with_stories260K_runs_end_to_end_and_counts_its_replies_unreadable()
    {
        var runDir = await ReferenceRunAsync(2);
        var merged = Path.Combine(_dir, "grown.json");

        var run = await CliRun.RunAsync("templates", "--cache-dir", Cache, "distill", "--from", runDir, "--out", merged,
            "--model", SharedData.Stories260K, "--chat-format", "raw", "--max-tokens", "24", "--temperature", "0", "--concurrency", "1", "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var summary = JsonNode.Parse(run.Output)!["summary"]!;
        Assert.Equal(2, summary["unreadable"]!.GetValue<int>());
        Assert.Equal(4, summary["calls"]!.GetValue<long>());
        Assert.Null(JsonNode.Parse(run.Output)!["delta"]);
        Assert.True((await CliRun.RunAsync("templates", "validate", merged)).ExitCode == 0);
    }

    [Fact]
    public async Task A_second_run_without_resume_is_a_usage_error_naming_the_store()
    {
        var runDir = await ReferenceRunAsync(1);
        await using var server = LoopbackChatServer.Start();
        server.Responder = Distil;
        var merged = Path.Combine(_dir, "grown.json");
        string[] args = ["templates", "--cache-dir", Cache, "distill", "--from", runDir, "--out", merged, "--endpoint", server.BaseUri.ToString(), "--model", "d"];
        Assert.Equal(0, (await CliRun.RunAsync(args)).ExitCode);
        var requests = server.Requests.Count;

        var again = await CliRun.RunAsync(args);
        var resumed = await CliRun.RunAsync([.. args, "--resume"]);

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("grown.distill.db already holds a distillation; pass --resume", again.Error);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(requests, server.Requests.Count);
        Assert.Contains("kept 1", resumed.Output);
    }

    [Fact]
    public async Task Distill_killed_with_sigkill_resumes_without_redoing_or_losing_a_decided_problem()
    {
        var runDir = await ReferenceRunAsync(8);
        await using var server = LoopbackChatServer.Start();
        server.Responder = r => Distil(r) with { Delay = TimeSpan.FromMilliseconds(300) };
        var merged = Path.Combine(_dir, "grown.json");
        var storePath = Path.Combine(_dir, "grown.distill.db");
        string[] args = ["templates", "--cache-dir", Cache, "distill", "--from", runDir, "--out", merged, "--endpoint", server.BaseUri.ToString(), "--model", "d", "--concurrency", "2"];
        var child = Process.Start(new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "reasonflux.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stderr = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var deadline = Stopwatch.StartNew();
        while (!File.Exists(storePath) || Stored(storePath).Count < 3)
        {
            if (child.HasExited) Assert.Fail("the distillation ended before it could be killed: " + await stderr);
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(120), "nothing was stored within 120 s");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
        child.Kill(entireProcessTree: true); // SIGKILL on Linux
        await child.WaitForExitAsync(TestContext.Current.CancellationToken);
        await Task.WhenAll(stderr, stdout);
        var before = Stored(storePath);
        Assert.InRange(before.Count, 3, 7);
        var requestsBefore = server.Requests.Count;

        var resumed = await CliRun.RunAsync([.. args, "--resume", "--json"]);

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        var after = Stored(storePath);
        Assert.Equal(8, after.Count);
        Assert.All(before, row => Assert.Contains(row, after));
        var redone = server.Requests.Skip(requestsBefore).Select(r => r.JsonObject["messages"]![0]!["content"]!.ToString()).ToList();
        Assert.Equal(8 - before.Count, redone.Count);
        var summary = JsonNode.Parse(resumed.Output)!["summary"]!;
        Assert.Equal(8, summary["kept"]!.GetValue<int>() + summary["duplicates"]!.GetValue<int>());
    }

    private static List<(string Key, string Outcome)> Stored(string storePath)
    {
        using var connection = new SqliteConnection($"Data Source={storePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT key, outcome FROM problems ORDER BY key";
        try
        {
            using var reader = cmd.ExecuteReader();
            var rows = new List<(string, string)>();
            while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1)));
            return rows;
        }
        catch (SqliteException)
        {
            return []; // the table is being created
        }
    }
}
