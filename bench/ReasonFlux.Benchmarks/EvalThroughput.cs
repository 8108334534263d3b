using System.Diagnostics;
using System.Net;
using System.Text;
using ReasonFlux.Evaluation;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Grading;
using ReasonFlux.Models;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Reasoning.Direct;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// `scenario eval-throughput [samples] [concurrency] [latency-ms]`: the eval runner against a loopback OpenAI-compatible
/// server that answers every request after a fixed latency. Prints throughput against the ideal (concurrency / latency),
/// client CPU per sample and managed memory over the run. Defaults: 20,000 samples, 256 at once, 200 ms.
/// </summary>
internal static class EvalThroughput
{
    private const string Sse =
        "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"The answer is \\\\boxed{7}.\"},\"finish_reason\":null}]}\n\n" +
        "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: {\"id\":\"x\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":8,\"total_tokens\":28}}\n\n" +
        "data: [DONE]\n\n";

    public static async Task<int> RunAsync(string[] args)
    {
        var samples = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 256;
        var latency = TimeSpan.FromMilliseconds(args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200);
        ThreadPool.SetMinThreads(concurrency * 2, concurrency * 2);

        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        using var stop = new CancellationTokenSource();
        var serverCpu = TimeSpan.Zero;
        _ = Task.Run(async () =>
        {
            var body = Encoding.UTF8.GetBytes(Sse);
            while (!stop.IsCancellationRequested)
            {
                HttpListenerContext ctx;
                try { ctx = await listener.GetContextAsync(); } catch (Exception) { return; }
                _ = Task.Run(async () =>
                {
                    using (var r = new StreamReader(ctx.Request.InputStream)) await r.ReadToEndAsync();
                    await Task.Delay(latency);
                    ctx.Response.ContentType = "text/event-stream";
                    ctx.Response.ContentLength64 = body.Length;
                    await ctx.Response.OutputStream.WriteAsync(body);
                    ctx.Response.Close();
                });
            }
        });

        var problems = Enumerable.Range(0, samples).Select(i => new BenchmarkProblem($"p{i}", $"What is 3 + 4? (variant {i})", "7", AnswerKind.Math)).ToList();
        var benchmark = new Benchmark("synthetic", "memory", "none", problems);
        var dir = Directory.CreateTempSubdirectory("rf-eval-bench-").FullName;
        using var session = await ModelLoader.OpenAsync(new ModelSpec { Model = "m", Endpoint = new Uri($"http://127.0.0.1:{port}/v1"), ApiKey = "x" },
            null, c => ChatPipeline.Wrap(c, new ModelCallPolicy { MaxConcurrency = concurrency }));
        var solver = new DirectSolver(session.Client, new DirectSolverOptions { MaxTokens = 64 });
        var manifest = RunManifest.Create("synthetic", "none", "direct", "m", 1, new Dictionary<string, string>());
        using var store = EvalRun.Open(dir, manifest, problems, resume: false);
        var memory = new List<(int Done, long Bytes)>();
        var nextMark = samples / 10;
        var progress = new Reporter(p =>
        {
            if (p.Done < nextMark) return;
            lock (memory)
            {
                if (p.Done < nextMark) return;
                nextMark += samples / 10;
                memory.Add((p.Done, GC.GetTotalMemory(false)));
            }
        });
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var summary = await new EvalRunner(solver, new EvalRunOptions { Concurrency = concurrency }).RunAsync(benchmark, store, progress);
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
        await stop.CancelAsync();
        listener.Stop();

        var ideal = concurrency / latency.TotalSeconds;
        var actual = samples / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"samples {summary.Samples}, errors {summary.Errors}, pass@1 {summary.Pass1:P1}");
        Console.WriteLine($"throughput {actual:0.0} samples/s; ideal {ideal:0.0} ({actual / ideal:P1} of ideal)");
        Console.WriteLine($"process CPU {cpu.TotalMilliseconds / samples:0.000} ms per sample (client and loopback server together)");
        Console.WriteLine("managed memory: " + string.Join(", ", memory.Select(m => $"{m.Done}: {m.Bytes / 1048576.0:0.0} MiB")));
        Directory.Delete(dir, recursive: true);
        return 0;
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class Reporter(Action<EvalProgress> report) : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value) => report(value);
    }
}
