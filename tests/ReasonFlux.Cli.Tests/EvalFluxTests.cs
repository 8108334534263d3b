using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Cli.Tests;

/// <summary><c>reasonflux eval --solver flux</c> against a loopback server that plays every flux role.</summary>
public sealed class EvalFluxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-eval-flux-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Flux_solver_runs_every_sample_through_plan_steps_and_answer_and_records_its_settings()
    {
        var roles = new ConcurrentQueue<string>();
        await using var server = ScriptedFluxServer.Start(roles);
        var library = Path.Combine(_dir, "library.json");
        await File.WriteAllTextAsync(library, ScriptedFluxServer.Library, TestContext.Current.CancellationToken);
        var bench = Path.Combine(_dir, "seq.jsonl");
        await File.WriteAllLinesAsync(bench, ["""{"problem":"a_1 = 1, a_{n+1} = a_n + 8. Find a_6.","answer":"41"}""", """{"problem":"Find a_6 of 2, 10, 18, ...","answer":"42"}"""], TestContext.Current.CancellationToken);
        var runDir = Path.Combine(_dir, "run");

        var run = await CliRun.RunAsync("eval", "--benchmark", bench, "--solver", "flux", "--endpoint", server.BaseUri.ToString(), "--model", "m",
            "--library", library, "--cache-dir", _dir, "--samples", "2", "--max-steps", "4", "--out", runDir, "--json");

        Assert.True(run.ExitCode == 0, run.Error);
        var summary = JsonDocument.Parse(run.Output).RootElement;
        Assert.Equal(4, summary.GetProperty("samples").GetInt32());
        Assert.Equal(0.5, summary.GetProperty("pass@1").GetDouble(), 9);
        Assert.Equal("flux", summary.GetProperty("solver").GetString());
        Assert.Equal(4, roles.Count(r => r == "plan"));
        Assert.Equal(4, roles.Count(r => r == "answer"));
        using var db = new SqliteConnection($"Data Source={Path.Combine(runDir, "results.db")};Mode=ReadOnly;Pooling=False");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = "SELECT json FROM manifest";
        var parameters = JsonDocument.Parse((string)cmd.ExecuteScalar()!).RootElement.GetProperty("Parameters");
        Assert.Equal("4", parameters.GetProperty("max_steps").GetString());
        Assert.Equal(library, parameters.GetProperty("library").GetString());
    }

    [Fact]
    public async Task Flux_eval_stores_every_samples_trace_which_report_links_and_navigator_data_reads()
    {
        await using var server = ScriptedFluxServer.Start(new ConcurrentQueue<string>());
        var library = Path.Combine(_dir, "library.json");
        await File.WriteAllTextAsync(library, ScriptedFluxServer.Library, TestContext.Current.CancellationToken);
        var bench = Path.Combine(_dir, "seq.jsonl");
        await File.WriteAllLinesAsync(bench, ["""{"problem":"a_1 = 1, a_{n+1} = a_n + 8. Find a_6.","answer":"41"}"""], TestContext.Current.CancellationToken);
        var runDir = Path.Combine(_dir, "run");
        var eval = await CliRun.RunAsync("eval", "--benchmark", bench, "--solver", "flux", "--endpoint", server.BaseUri.ToString(), "--model", "m",
            "--library", library, "--cache-dir", _dir, "--samples", "2", "--max-steps", "4", "--out", runDir);
        Assert.True(eval.ExitCode == 0, eval.Error);

        using (var db = new SqliteConnection($"Data Source={Path.Combine(runDir, "results.db")};Mode=ReadOnly;Pooling=False"))
        {
            db.Open();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT trace, prompt_tokens, completion_tokens FROM samples ORDER BY sample_index";
            using var rows = cmd.ExecuteReader();
            var stored = 0;
            while (rows.Read())
            {
                var trace = TraceJson.Deserialize(rows.GetString(0));
                var calls = Assert.Single(trace.Samples).Calls;
                Assert.Equal(("flux", "plan", "answer"), (trace.Mode, calls[0].Role, calls[^1].Role));
                // The row's token figures and the trace's come from the same recorded calls.
                Assert.Equal((rows.GetInt64(1), rows.GetInt64(2)), (calls.Sum(c => c.PromptTokens), calls.Sum(c => c.CompletionTokens)));
                Assert.Equal((trace.PromptTokens, trace.CompletionTokens), (rows.GetInt64(1), rows.GetInt64(2)));
                stored++;
            }
            Assert.Equal(2, stored);
        }

        var report = await CliRun.RunAsync("report", runDir, "--out", Path.Combine(_dir, "report"));
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.Contains(Path.Combine(_dir, "report", "traces") + Path.DirectorySeparatorChar, report.Output, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(Path.Combine(_dir, "report", "report.html"), TestContext.Current.CancellationToken);
        foreach (var sample in new[] { 0, 1 })
        {
            var page = $"traces/run1-p0-line-1-s{sample}.html";
            Assert.Contains($"href=\"{page}\"", html, StringComparison.Ordinal);
            Assert.Contains("flux trace", await File.ReadAllTextAsync(Path.Combine(_dir, "report", page), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        var data = await CliRun.RunAsync("data", "sft", "--from", runDir, "--kind", "navigator", "--out", Path.Combine(_dir, "data"), "--json");
        Assert.True(data.ExitCode == 0, data.Error);
        // Both samples read; the scripted navigator plans alike, so the second is an exact duplicate.
        var built = JsonDocument.Parse(data.Output).RootElement;
        Assert.Equal((2, 1, 1), (built.GetProperty("read").GetInt32(), built.GetProperty("examples").GetInt32(), built.GetProperty("excluded").GetProperty("duplicate").GetInt32()));
    }

    [Fact]
    public async Task Trace_option_is_refused_for_eval()
    {
        var run = await CliRun.RunAsync("eval", "--benchmark", "aime25", "--solver", "flux", "--endpoint", "http://127.0.0.1:1/v1", "--model", "m",
            "--trace", Path.Combine(_dir, "t.json"), "--out", Path.Combine(_dir, "run"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--trace is for `reasonflux solve`", run.Error, StringComparison.Ordinal);
    }
}
