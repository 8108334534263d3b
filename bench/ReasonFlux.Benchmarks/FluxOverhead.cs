using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Reasoning;
using ReasonFlux.Reasoning.Flux;
using ReasonFlux.Reasoning.Traces;
using ReasonFlux.Templates;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// Orchestration overhead of a flux solve: a loopback server plays every role and answers at once (a 3-step plan with
/// reviews: 12 calls per solve), the index is the embedded starter library under MiniLM. Overhead = solve wall time − the
/// time spent inside model calls (as the trace records them), per step; also shown without template retrieval (query
/// embedding). Goal: &lt; 5 ms per step. Usage: <c>scenario flux-overhead [SOLVES=200]</c>.
/// </summary>
internal static class FluxOverhead
{
    public static async Task<int> RunAsync(string[] args)
    {
        var solves = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 200;
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var server = Task.Run(() => ServeAsync(listener, stop.Token));
        var cache = Directory.CreateTempSubdirectory("flux-bench-").FullName;
        try
        {
            var index = new TimedIndex(await TemplateIndex.BuildAsync(TemplateLibrary.LoadStarter(), Embedders.MiniLm(), new TemplateIndexOptions { CacheDirectory = cache }));
            using var client = OpenAIEndpoint.CreateChatClient(new() { Endpoint = new Uri($"http://127.0.0.1:{port}/v1"), Model = "m", ApiKey = "k" });
            var solver = new FluxSolver(client, client, index, new FluxSolverOptions { Seed = 1 });
            var overhead = new List<double>();
            var noRetrieval = new List<double>();
            var steps = 0;
            for (var i = 0; i < solves + 20; i++)
            {
                var recorder = new TraceRecorder();
                index.Reset();
                var clock = Stopwatch.StartNew();
                await foreach (var _ in solver.SolveStreamingAsync(new SolveRequest("Find a_6 where a_1 = 1, a_{n+1} = 2a_n + 1."), recorder)) { }
                var wall = clock.Elapsed.TotalMilliseconds;
                var sample = recorder.Trace!.Samples[0];
                if (sample.Outcome != "completed") throw new InvalidOperationException($"solve {i} ended {sample.Outcome}: {sample.Note}");
                if (i < 20) continue; // warm-up: JIT, connection pool
                steps = sample.Steps.Count;
                var outside = wall - sample.Calls.Sum(c => c.Milliseconds);
                overhead.Add(outside / steps);
                noRetrieval.Add((outside - index.Milliseconds) / steps);
            }
            Console.WriteLine($"flux-overhead: {solves} solves, {steps} steps and 12 model calls each, instant loopback server");
            Console.WriteLine($"  overhead per step, retrieval included: p50 {Percentile(overhead, 0.5):0.000} ms, p95 {Percentile(overhead, 0.95):0.000} ms");
            Console.WriteLine($"  overhead per step, retrieval excluded: p50 {Percentile(noRetrieval, 0.5):0.000} ms, p95 {Percentile(noRetrieval, 0.95):0.000} ms");
            Console.WriteLine($"  goal < 5 ms per step: {(Percentile(overhead, 0.5) < 5 ? "met" : "NOT met")}");
            return 0;
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            try { await server; } catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException) { }
            Directory.Delete(cache, recursive: true);
        }
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Clamp(Math.Round(p * (sorted.Count - 1)), 0, sorted.Count - 1)];
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static async Task ServeAsync(HttpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var context = await listener.GetContextAsync();
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8)) body = await reader.ReadToEndAsync(ct);
            var reply = Encoding.UTF8.GetBytes(Completion(ReplyFor(body)));
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = reply.Length;
            await context.Response.OutputStream.WriteAsync(reply, ct);
            context.Response.Close();
        }
    }

    private static string ReplyFor(string body) =>
        body.Contains("design a reasoning trajectory", StringComparison.Ordinal) ? """{"General Knowledge Category": "Sequences", "Specific Direction": "Recurrences", "Applied Method": "Linear recurrence", "Examined Knowledge": ["recurrences"], "reason_flow": ["Set up", "Solve", "Evaluate"]}"""
        : body.Contains("Rewrite your reasoning flow", StringComparison.Ordinal) ? """["Write the recurrence", "Solve the characteristic equation", "Evaluate the term"]"""
        : body.Contains("checking a student's work", StringComparison.Ordinal) ? """{"decision": "continue", "score": 8, "reason": "ok"}"""
        : body.Contains("state the final answer", StringComparison.Ordinal) ? "\\boxed{63}"
        : "<think>w</think>Step done.";

    private static string Completion(string text) => new JsonObject
    {
        ["id"] = "c", ["object"] = "chat.completion", ["created"] = 1_700_000_000, ["model"] = "m",
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = text }, ["finish_reason"] = "stop" }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 100, ["completion_tokens"] = 20, ["total_tokens"] = 120 },
    }.ToJsonString();

    /// <summary>Times the searches, so retrieval can be told apart from the rest of the orchestration.</summary>
    private sealed class TimedIndex(ITemplateIndex inner) : ITemplateIndex
    {
        public double Milliseconds { get; private set; }

        public void Reset() => Milliseconds = 0;

        public async Task<IReadOnlyList<TemplateHit>> SearchAsync(string query, int k, CancellationToken ct = default)
        {
            var clock = Stopwatch.StartNew();
            try { return await inner.SearchAsync(query, k, ct); }
            finally { Milliseconds += clock.Elapsed.TotalMilliseconds; }
        }

        public async Task<IReadOnlyList<TemplateHit>> SearchHierarchicalAsync(string category, string direction, string method, int k, CancellationToken ct = default)
        {
            var clock = Stopwatch.StartNew();
            try { return await inner.SearchHierarchicalAsync(category, direction, method, k, ct); }
            finally { Milliseconds += clock.Elapsed.TotalMilliseconds; }
        }
    }
}
