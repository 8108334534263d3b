using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Cli.Tests;

/// <summary><c>reasonflux eval --solver flux</c> against a loopback server that plays every flux role.</summary>
public sealed class EvalFluxTests : IDisposable
{
    private const string Library = """
        {"Sequences": {"Recurrences": [{
          "template_name": "Linear Recurrence Method", "template_type": "Problem Solving Method", "knowledge_tag": ["Sequences"],
          "description": "Solve a linear recurrence through its characteristic equation.", "application_scenario": "A term of a recurrence is asked for.",
          "reason_flow": ["Write the characteristic equation", "Find its roots"], "example_application": "a_{n+1} = 2a_n gives a_n = 2^{n-1}."
        }]}}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("rf-eval-flux-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Answers each role by its prompt; the final answer is 42, right for problem a and wrong for problem b.</summary>
    private static LoopbackChatServer Server(ConcurrentQueue<string> roles)
    {
        var server = LoopbackChatServer.Start();
        server.Responder = request =>
        {
            var prompt = request.Body;
            var (role, text) =
                prompt.Contains("design a reasoning trajectory", StringComparison.Ordinal) ? ("plan", """{"General Knowledge Category": "Sequences", "Specific Direction": "Recurrences", "Applied Method": "Linear Recurrence Method", "Examined Knowledge": [], "reason_flow": ["Set up", "Solve"]}""")
                : prompt.Contains("Rewrite your reasoning flow", StringComparison.Ordinal) ? ("adjust", """["Set up the recurrence", "Solve it"]""")
                : prompt.Contains("You are a tutor", StringComparison.Ordinal) ? ("tutor", "Do it.")
                : prompt.Contains("You are a student", StringComparison.Ordinal) ? ("student", "<think>w</think>Done: 42.")
                : prompt.Contains("checking a student's work", StringComparison.Ordinal) ? ("review", """{"decision": "continue", "score": 9}""")
                : prompt.Contains("state the final answer", StringComparison.Ordinal) ? ("answer", "\\boxed{42}")
                : ("other", "ok");
            roles.Enqueue(role);
            return LoopbackReply.Completion(text, model: "m");
        };
        return server;
    }

    [Fact]
    public async Task Flux_solver_runs_every_sample_through_plan_steps_and_answer_and_records_its_settings()
    {
        var roles = new ConcurrentQueue<string>();
        await using var server = Server(roles);
        var library = Path.Combine(_dir, "library.json");
        await File.WriteAllTextAsync(library, Library, TestContext.Current.CancellationToken);
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
    public async Task Trace_option_is_refused_for_eval()
    {
        var run = await CliRun.RunAsync("eval", "--benchmark", "aime25", "--solver", "flux", "--endpoint", "http://127.0.0.1:1/v1", "--model", "m",
            "--trace", Path.Combine(_dir, "t.json"), "--out", Path.Combine(_dir, "run"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--trace is for `reasonflux solve`", run.Error, StringComparison.Ordinal);
    }
}
