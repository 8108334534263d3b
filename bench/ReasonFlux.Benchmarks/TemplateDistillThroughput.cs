using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using ReasonFlux.Distillation;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Models;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Templates;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// `scenario templates-distill [problems] [concurrency] [latency-ms]`: the distiller (CLI pipeline: OpenAI client,
/// retries, concurrency limit, lenient parse, schema and example-answer checks, MiniLM duplicate check against the
/// starter library, placement, SQLite store, merged + delta writing) against a loopback server in a child process that
/// answers every request with the same valid template after a fixed latency. The first template is kept and placed;
/// every later one is decided a duplicate by embedding (similarity 1), so the figure is the steady per-problem cost of
/// the checks every candidate goes through. Prints problems decided per second against the ideal (concurrency /
/// latency) and client CPU per problem. Defaults: 400 problems, 32 at once, 200 ms.
/// </summary>
internal static class TemplateDistillThroughput
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "serve")
            return await EvalThroughput.ServeAsync(int.Parse(args[1], Inv), TimeSpan.FromMilliseconds(int.Parse(args[2], Inv)), Reply(), "application/json");
        var problems = args.Length > 0 ? int.Parse(args[0], Inv) : 400;
        var concurrency = args.Length > 1 ? int.Parse(args[1], Inv) : 32;
        var latencyMs = args.Length > 2 ? int.Parse(args[2], Inv) : 200;
        var port = EvalThroughput.FreePort();
        using var server = EvalThroughput.StartServer("templates-distill", port, latencyMs);
        var dir = Directory.CreateTempSubdirectory("rf-distill-bench-").FullName;
        try
        {
            return await RunClientAsync(dir, problems, concurrency, latencyMs, port, server);
        }
        finally
        {
            server.StandardInput.Close();
            await server.WaitForExitAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<int> RunClientAsync(string dir, int count, int concurrency, int latencyMs, int port, Process server)
    {
        var runDir = Path.Combine(dir, "run");
        var manifest = RunManifest.Create("synthetic", "none", "direct", "m", 1, new Dictionary<string, string>());
        using (var run = ResultStore.Create(runDir, manifest, Enumerable.Range(0, count).Select(i => new RunProblem(i, $"p{i}", $"What is 3 + 4? (variant {i})", "7", null, null))))
        {
            for (var i = 0; i < count; i++) run.Add(new SampleRecord($"p{i}", 0, "q", "3 + 4 = 7, so the answer is \\boxed{7}.", "7", true, "equal", 10, 10, 1, null, null));
        }
        var set = SolvedProblemReader.Read([runDir]);
        var library = TemplateLibrary.LoadStarter();
        using var embedder = Embedders.MiniLm();
        var policy = new ModelCallPolicy { MaxConcurrency = concurrency, Retry = new ModelRetryOptions { MaxAttempts = 3 } };
        using var session = await ModelLoader.OpenAsync(new ModelSpec { Model = "m", Endpoint = new Uri($"http://127.0.0.1:{port}/v1"), ApiKey = "x" }, null, c => ChatPipeline.Wrap(c, policy));
        var options = new DistillOptions { Concurrency = concurrency, Index = new TemplateIndexOptions { CacheDirectory = Path.Combine(dir, "cache") } };
        var distiller = new TemplateDistiller(session.Client, embedder, "m", options);
        // Build the index (and load MiniLM) once before timing: the first run of a library embeds it, later ones read the cache.
        _ = await TemplateIndex.BuildAsync(library, embedder, options.Index);
        var output = Path.Combine(dir, "grown.json");
        using var store = DistillStore.Open(DistillStore.PathFor(output), distiller.Manifest(library, [runDir]), resume: false);

        using var me = Process.GetCurrentProcess();
        server.Refresh();
        var serverCpu0 = server.TotalProcessorTime;
        var cpu0 = me.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var summary = await distiller.RunAsync(set, library, store, null);
        DistilledLibrary.Write(library, store.ReadAll(), output);
        clock.Stop();
        me.Refresh();
        server.Refresh();
        var cpu = me.TotalProcessorTime - cpu0;
        var serverCpu = server.TotalProcessorTime - serverCpu0;

        var ideal = concurrency / (latencyMs / 1000.0);
        var rate = count / clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(Inv, $"problems {count}: kept {summary.Kept}, duplicate {summary.Duplicates}, failed check {summary.FailedChecks}, unreadable {summary.Unreadable}, error {summary.Errors}; {concurrency} at once, {latencyMs} ms server latency"));
        Console.WriteLine(string.Create(Inv, $"throughput {rate:0.0} problems/s; ideal {ideal:0.0} ({rate / ideal:P1} of ideal); wall {clock.Elapsed.TotalSeconds:0.00} s"));
        Console.WriteLine(string.Create(Inv, $"client CPU {cpu.TotalMilliseconds / count:0.00} ms per problem ({cpu.TotalSeconds:0.00} s); loopback server (separate process) {serverCpu.TotalMilliseconds / count:0.000} ms per problem"));
        return summary.Errors == 0 && summary.Kept + summary.Duplicates == count ? 0 : 1;
    }

    /// <summary>The server's one reply: a chat completion holding a valid template whose example answers 7.</summary>
    private static string Reply()
    {
        var template = new JsonObject
        {
            ["template_name"] = "Adding Small Integers by Counting On",
            ["template_type"] = "Problem Solving Method",
            ["knowledge_tag"] = new JsonArray("arithmetic", "addition"),
            ["description"] = "Add two small whole numbers by starting from the larger and counting on by the smaller.",
            ["application_scenario"] = new JsonArray("A sum of two single-digit numbers"),
            ["reason_flow"] = new JsonArray("Take the larger addend", "Count on by the smaller addend", "State the total"),
            ["example_application"] = new JsonObject { ["example_problem"] = "What is 3 + 4?", ["solution_steps"] = new JsonArray("4, 5, 6, 7"), ["final_answer"] = "7" },
            ["chapter"] = "Algebra",
            ["section"] = "Equations and systems",
        };
        return new JsonObject
        {
            ["id"] = "x",
            ["object"] = "chat.completion",
            ["created"] = 1,
            ["model"] = "m",
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = template.ToJsonString() }, ["finish_reason"] = "stop" }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = 300, ["completion_tokens"] = 200, ["total_tokens"] = 500 },
        }.ToJsonString();
    }
}
