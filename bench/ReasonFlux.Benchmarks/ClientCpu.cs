using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ReasonFlux.Evaluation;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Grading;
using ReasonFlux.Models;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Reasoning;
using ReasonFlux.Reasoning.Direct;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// `scenario client-cpu [samples] [concurrency] [latency-ms] [rounds]`: client CPU per sample of our eval path against
/// minimal clients, all against one loopback OpenAI-compatible server in a child process (the one `eval-throughput` uses,
/// answering one JSON completion after a fixed latency), in alternating rounds. Peers:
/// <list type="bullet">
/// <item>ours, eval: what `reasonflux eval --endpoint` runs per sample (EvalRunner: direct solver, recording layer,
/// concurrency limit, retries, OpenAI client, grader, SQLite store); CPU up to the last committed sample (the closing
/// summary is a per-run cost, left out).</item>
/// <item>ours, solver: the model call through the direct solver (<c>SolveAsync</c> with <c>StreamText = false</c>: prompt,
/// recording layer, pipeline, OpenAI client, answer extraction, majority vote over one sample); no grading against the
/// gold answer, no store. The like-for-like figure with the minimal clients.</item>
/// <item>ours, client: the pipeline's <c>GetResponseAsync</c> alone (concurrency limit, retries, OpenAI client).</item>
/// <item>minimal .NET: one shared HttpClient, the same request body serialized with System.Text.Json per request,
/// the reply parsed with JsonDocument for its content and usage.</item>
/// <item>Python (when python3 is on PATH): peers/minimal_client.py, stdlib http.client keep-alive connections, one
/// per thread, <c>concurrency</c> threads; it measures its own CPU (time.process_time) over the measured pass.</item>
/// </list>
/// The .NET peers share this process (JIT warmed by one unmeasured round each; a full collection before each round, outside
/// the measurement) and are measured by the process's CPU time (all threads: thread pool, GC, timers).
/// Defaults: 4,000 samples, 64 at once, 50 ms, 5 rounds.
/// </summary>
internal static class ClientCpu
{
    private const int MaxTokens = 64;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private sealed record Round(double CpuMs, double WallS, long Allocated, int Ok, double Load);

    private sealed record Peer(string Name, Func<Task<Round>> Run, bool InProcess = true);

    public static async Task<int> RunAsync(string[] args)
    {
        var samples = args.Length > 0 ? int.Parse(args[0], Inv) : 4_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1], Inv) : 64;
        var latencyMs = args.Length > 2 ? int.Parse(args[2], Inv) : 50;
        var rounds = args.Length > 3 ? int.Parse(args[3], Inv) : 5;
        return await EvalThroughput.WithServerAsync(latencyMs, (port, _) => CompareAsync(samples, concurrency, latencyMs, rounds, port));
    }

    private static async Task<int> CompareAsync(int samples, int concurrency, int latencyMs, int rounds, int port)
    {
        var endpoint = new Uri($"http://127.0.0.1:{port}/v1");
        var problems = Enumerable.Range(0, samples).Select(i => new BenchmarkProblem($"p{i}", Problem(i), "7", AnswerKind.Math)).ToList();
        var policy = new ModelCallPolicy { MaxConcurrency = concurrency, Retry = new ModelRetryOptions { MaxAttempts = 3 } };
        using var session = await ModelLoader.OpenAsync(new ModelSpec { Model = "m", Endpoint = endpoint, ApiKey = "x" }, null, c => ChatPipeline.Wrap(c, policy));
        var solver = new DirectSolver(session.Client, new DirectSolverOptions { MaxTokens = MaxTokens });
        var template = PromptTemplates.Get("direct.instruction");
        using var http = new HttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "x");
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency };

        var peers = new List<Peer>
        {
            new("ours, eval (solver + grading + store)", () => OursEvalAsync(problems, solver, concurrency)),
            new("ours, solver (model call only)", () => MeasureAsync(async () =>
            {
                var ok = 0;
                await Parallel.ForEachAsync(problems, parallel, async (p, ct) =>
                {
                    var solution = await solver.SolveAsync(new SolveRequest(p.Problem) { AnswerKind = p.Kind, StreamText = false }, ct);
                    if (solution.Answer == "7") Interlocked.Increment(ref ok);
                });
                return ok;
            })),
            new("ours, client (pipeline GetResponseAsync)", () => MeasureAsync(async () =>
            {
                var ok = 0;
                await Parallel.ForEachAsync(problems, parallel, async (p, ct) =>
                {
                    var prompt = PromptTemplates.Fill(template, ("problem", p.Problem)).Trim();
                    var response = await session.Client.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], new ChatOptions { MaxOutputTokens = MaxTokens }, ct);
                    if (response.Text.Length > 0 && response.Usage?.OutputTokenCount > 0) Interlocked.Increment(ref ok);
                });
                return ok;
            })),
            new("minimal .NET (HttpClient + System.Text.Json)", () => MeasureAsync(async () =>
            {
                var ok = 0;
                var uri = new Uri(endpoint + "/chat/completions");
                await Parallel.ForEachAsync(problems, parallel, async (p, ct) =>
                {
                    if (await MinimalCallAsync(http, uri, template.Replace("{problem}", p.Problem, StringComparison.Ordinal).Trim(), ct)) Interlocked.Increment(ref ok);
                });
                return ok;
            })),
        };
        var python = PythonPeer(port, samples, concurrency, template);
        if (python is not null) peers.Add(python);

        Console.WriteLine(string.Create(Inv, $"client CPU per sample: {samples} samples per round, {concurrency} at once, server latency {latencyMs} ms (child process), {rounds} rounds in alternating order"));
        if (python is null) Console.WriteLine("python3 not on PATH: the Python peer is left out");
        Console.WriteLine(python is null ? "" : string.Create(Inv, $"Python peer: {concurrency} threads, one keep-alive http.client connection each, sequential requests per thread"));
        foreach (var peer in peers.Where(p => p.InProcess))
        {
            var warm = await peer.Run();
            Console.WriteLine(string.Create(Inv, $"warm-up {peer.Name}: {warm.CpuMs / samples:0.000} ms CPU/sample"));
        }

        var results = peers.ToDictionary(p => p.Name, _ => new List<Round>());
        for (var r = 0; r < rounds; r++)
        {
            foreach (var peer in peers.Skip(r % peers.Count).Concat(peers.Take(r % peers.Count)))
            {
                var round = await peer.Run();
                if (round.Ok != samples) Console.WriteLine(string.Create(Inv, $"  {peer.Name}: only {round.Ok} of {samples} samples answered correctly"));
                results[peer.Name].Add(round);
                Console.WriteLine(string.Create(Inv, $"round {r + 1} {peer.Name}: {round.CpuMs / samples:0.000} ms CPU/sample, {samples / round.WallS:0} samples/s, {(peer.InProcess ? string.Create(Inv, $"{round.Allocated / 1024.0 / samples:0.0} KiB/sample") : "allocations n/a")}, load {round.Load:0.00}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine("| client | CPU ms/sample min / median / max | KiB allocated/sample | samples/s (median) |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var peer in peers)
        {
            var list = results[peer.Name];
            var cpu = list.Select(x => x.CpuMs / samples).ToList();
            var alloc = peer.InProcess ? string.Create(Inv, $"{Median(list.Select(x => x.Allocated / 1024.0 / samples)):0.0}") : "n/a";
            Console.WriteLine(string.Create(Inv, $"| {peer.Name} | {cpu.Min():0.000} / {Median(cpu):0.000} / {cpu.Max():0.000} | {alloc} | {Median(list.Select(x => samples / x.WallS)):0} |"));
        }
        Console.WriteLine();
        foreach (var baseline in peers.Skip(3))
        {
            foreach (var ours in peers.Take(3))
            {
                // Paired by round: both ran back to back under about the same load.
                var ratios = results[ours.Name].Zip(results[baseline.Name], (a, b) => a.CpuMs / b.CpuMs).ToList();
                Console.WriteLine(string.Create(Inv, $"{ours.Name} / {baseline.Name}: min {ratios.Min():0.00}, median {Median(ratios):0.00}, max {ratios.Max():0.00}"));
            }
        }
        var loads = results.Values.SelectMany(x => x).Select(x => x.Load).ToList();
        Console.WriteLine(string.Create(Inv, $"load average (1 min) during the rounds: {loads.Min():0.00}–{loads.Max():0.00}; goal: ours, solver / minimal .NET ≤ 1.2"));
        return results.Values.All(list => list.All(x => x.Ok == samples)) ? 0 : 1;
    }

    private static string Problem(int i) => $"What is 3 + 4? (variant {i})";

    private static async Task<Round> OursEvalAsync(List<BenchmarkProblem> problems, DirectSolver solver, int concurrency)
    {
        var benchmark = new Benchmark("synthetic", "memory", "none", problems);
        var dir = Directory.CreateTempSubdirectory("rf-client-cpu-").FullName;
        try
        {
            var manifest = RunManifest.Create("synthetic", "none", "direct", "m", 1, new Dictionary<string, string>());
            using var store = EvalRun.Open(dir, manifest, problems, resume: false);
            // The CPU and allocation counters are read when the last sample is committed, before the closing summary.
            (TimeSpan Cpu, long Allocated, TimeSpan Wall)? atLast = null;
            var clock = new Stopwatch();
            var progress = new Reporter(p =>
            {
                if (p.Done < problems.Count || atLast is not null) return;
                using var self = Process.GetCurrentProcess();
                atLast = (self.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true), clock.Elapsed);
            });
            return await MeasureAsync(async () =>
            {
                clock.Start();
                var summary = await new EvalRunner(solver, new EvalRunOptions { Concurrency = concurrency }).RunAsync(benchmark, store, progress);
                return (int)Math.Round(summary.Pass1 * summary.Samples);
            }, start => atLast is { } last ? (last.Cpu - start.Cpu, last.Allocated - start.Allocated, last.Wall) : null);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    internal static async Task<bool> MinimalCallAsync(HttpClient http, Uri uri, string prompt, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["messages"] = new[] { new Dictionary<string, string> { ["role"] = "user", ["content"] = prompt } },
            ["model"] = "m",
            ["max_completion_tokens"] = MaxTokens,
            ["max_tokens"] = MaxTokens,
        });
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(uri, content, ct);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var json = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
        var text = json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        var usage = json.RootElement.GetProperty("usage");
        var tokens = usage.GetProperty("prompt_tokens").GetInt32() + usage.GetProperty("completion_tokens").GetInt32();
        return text is { Length: > 0 } && tokens > 0;
    }

    private static Peer? PythonPeer(int port, int samples, int concurrency, string template)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "peers", "minimal_client.py");
        if (!File.Exists(script) || FindOnPath("python3") is not { } python) return null;
        return new Peer("Python (http.client + json, threads)", async () =>
        {
            var promptFile = Path.GetTempFileName();
            try
            {
                await File.WriteAllTextAsync(promptFile, template);
                var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, UseShellExecute = false };
                foreach (var a in new[] { script, port.ToString(Inv), samples.ToString(Inv), concurrency.ToString(Inv), promptFile, "m", MaxTokens.ToString(Inv) }) start.ArgumentList.Add(a);
                var load = LoadAverage();
                using var process = Process.Start(start)!;
                var output = await process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
                var root = json.RootElement;
                return new Round(root.GetProperty("cpu_s").GetDouble() * 1000, root.GetProperty("wall_s").GetDouble(), 0, root.GetProperty("ok").GetInt32(), load);
            }
            finally
            {
                File.Delete(promptFile);
            }
        }, InProcess: false);
    }

    /// <summary>Runs <paramref name="work"/> after a full collection and measures this process's CPU time, allocations and wall time; <paramref name="end"/> may supply an earlier end point.</summary>
    private static async Task<Round> MeasureAsync(Func<Task<int>> work, Func<(TimeSpan Cpu, long Allocated), (TimeSpan Cpu, long Allocated, TimeSpan Wall)?>? end = null)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var load = LoadAverage();
        using var me = Process.GetCurrentProcess();
        var start = (me.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true));
        var clock = Stopwatch.StartNew();
        var ok = await work();
        clock.Stop();
        me.Refresh();
        var (cpu, allocated, wall) = end?.Invoke(start) ?? (me.TotalProcessorTime - start.Item1, GC.GetTotalAllocatedBytes(precise: true) - start.Item2, clock.Elapsed);
        return new Round(cpu.TotalMilliseconds, wall.TotalSeconds, allocated, ok, load);
    }

    private static double LoadAverage() =>
        File.Exists("/proc/loadavg") ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], Inv) : double.NaN;

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed class Reporter(Action<EvalProgress> report) : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value) => report(value);
    }
}
