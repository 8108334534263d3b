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
/// time spent inside model calls (as the trace records them), per step; measured with MiniLM retrieval and again with
/// search results remembered (orchestration alone). Goal: &lt; 5 ms per step. Usage: <c>scenario flux-overhead [SOLVES=200]</c>.
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
            var miniLm = await TemplateIndex.BuildAsync(TemplateLibrary.LoadStarter(), Embedders.MiniLm(), new TemplateIndexOptions { CacheDirectory = cache });
            using var client = OpenAIEndpoint.CreateChatClient(new() { Endpoint = new Uri($"http://127.0.0.1:{port}/v1"), Model = "m", ApiKey = "k" });
            var (steps, withRetrieval) = await MeasureAsync(client, miniLm, solves);
            // The same solves against remembered search results: what is left is the orchestration alone.
            var (_, withoutRetrieval) = await MeasureAsync(client, new RememberingIndex(miniLm), solves);
            Console.WriteLine($"flux-overhead: {solves} solves, {steps} steps and 12 model calls each, instant loopback server");
            Console.WriteLine($"  overhead per step, retrieval included (MiniLM query embedding + BM25): p50 {Percentile(withRetrieval, 0.5):0.000} ms, p95 {Percentile(withRetrieval, 0.95):0.000} ms");
            Console.WriteLine($"  overhead per step, orchestration only (search results remembered): p50 {Percentile(withoutRetrieval, 0.5):0.000} ms, p95 {Percentile(withoutRetrieval, 0.95):0.000} ms");
            Console.WriteLine($"  goal < 5 ms per step, retrieval included: {(Percentile(withRetrieval, 0.5) < 5 ? "met" : "NOT met")}");
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

    private static async Task<(int Steps, List<double> PerStep)> MeasureAsync(Microsoft.Extensions.AI.IChatClient client, ITemplateIndex index, int solves)
    {
        var solver = new FluxSolver(client, client, index, new FluxSolverOptions { Seed = 1 });
        var perStep = new List<double>();
        var steps = 0;
        for (var i = 0; i < solves + 20; i++)
        {
            var recorder = new TraceRecorder();
            var clock = Stopwatch.StartNew();
            await foreach (var _ in solver.SolveStreamingAsync(new SolveRequest("Find a_6 where a_1 = 1, a_{n+1} = 2a_n + 1."), recorder)) { }
            var wall = clock.Elapsed.TotalMilliseconds;
            var sample = recorder.Trace!.Samples[0];
            if (sample.Outcome != SampleOutcome.Completed) throw new InvalidOperationException($"solve {i} ended {sample.Outcome}: {sample.Note}");
            if (i < 20) continue; // warm-up: JIT, connection pool
            steps = sample.Steps.Count;
            perStep.Add((wall - sample.Calls.Sum(c => c.Milliseconds)) / steps);
        }
        return (steps, perStep);
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

    /// <summary>Answers a search it has seen before from memory, so repeated solves spend no time in retrieval.</summary>
    private sealed class RememberingIndex(ITemplateIndex inner) : ITemplateIndex
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<TemplateHit>> _seen = new(StringComparer.Ordinal);

        public async Task<IReadOnlyList<TemplateHit>> SearchAsync(string query, int k, CancellationToken ct = default) =>
            _seen.TryGetValue($"{k}|{query}", out var hits) ? hits : _seen[$"{k}|{query}"] = await inner.SearchAsync(query, k, ct);

        public async Task<IReadOnlyList<TemplateHit>> SearchHierarchicalAsync(string category, string direction, string method, int k, CancellationToken ct = default) =>
            _seen.TryGetValue($"{k}|{category}|{direction}|{method}", out var hits) ? hits
                : _seen[$"{k}|{category}|{direction}|{method}"] = await inner.SearchHierarchicalAsync(category, direction, method, k, ct);
    }
}
