using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime;
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
/// `scenario eval-throughput [samples] [concurrency] [latency-ms]`: the eval runner (CLI pipeline: direct solver, OpenAI
/// client, retries, concurrency limit, grader, SQLite store) against a loopback OpenAI-compatible server that answers
/// every request after a fixed latency. The server runs in a child process (`scenario eval-throughput serve PORT MS`)
/// so the CPU figure is the client's alone. Prints throughput against the ideal (concurrency / latency), client and
/// server CPU per sample, and memory along the run. Defaults: 20,000 samples, 256 at once, 200 ms.
/// </summary>
internal static class EvalThroughput
{
    // Eval asks for whole replies (no one watches the text), so the server answers with one JSON completion.
    private const string Json =
        """{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"The answer is \\boxed{7}."},"finish_reason":"stop"}],"usage":{"prompt_tokens":20,"completion_tokens":8,"total_tokens":28}}""";

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly int[] MemoryMarks = [2_000, 5_000, 10_000, 15_000, 20_000, 50_000, 100_000];

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "serve") return await ServeAsync(int.Parse(args[1], Inv), TimeSpan.FromMilliseconds(int.Parse(args[2], Inv)), Json, "application/json");
        var samples = args.Length > 0 ? int.Parse(args[0], Inv) : 20_000;
        var concurrency = args.Length > 1 ? int.Parse(args[1], Inv) : 256;
        var latencyMs = args.Length > 2 ? int.Parse(args[2], Inv) : 200;
        var latency = TimeSpan.FromMilliseconds(latencyMs);

        return await WithServerAsync(latencyMs, (port, server) => RunClientAsync(samples, concurrency, latency, port, server));
    }

    /// <summary>Runs <paramref name="body"/> against the canned loopback server in its own process, stopped afterwards.</summary>
    internal static async Task<int> WithServerAsync(int latencyMs, Func<int, Process, Task<int>> body)
    {
        var port = FreePort();
        using var server = StartServer("eval-throughput", port, latencyMs);
        try
        {
            return await body(port, server);
        }
        finally
        {
            server.StandardInput.Close();
            await server.WaitForExitAsync();
        }
    }

    private static async Task<int> RunClientAsync(int samples, int concurrency, TimeSpan latency, int port, Process server)
    {
        var problems = Enumerable.Range(0, samples).Select(i => new BenchmarkProblem($"p{i}", $"What is 3 + 4? (variant {i})", "7", AnswerKind.Math)).ToList();
        var benchmark = new Benchmark("synthetic", "memory", "none", problems);
        var dir = Directory.CreateTempSubdirectory("rf-eval-bench-").FullName;
        // The same layers `reasonflux eval --endpoint` stacks: concurrency limit and retries around the OpenAI client.
        var policy = new ModelCallPolicy { MaxConcurrency = concurrency, Retry = new ModelRetryOptions { MaxAttempts = 3 } };
        using var session = await ModelLoader.OpenAsync(new ModelSpec { Model = "m", Endpoint = new Uri($"http://127.0.0.1:{port}/v1"), ApiKey = "x" },
            null, c => ChatPipeline.Wrap(c, policy));
        var solver = new DirectSolver(session.Client, new DirectSolverOptions { MaxTokens = 64 });
        var manifest = RunManifest.Create("synthetic", "none", "direct", "m", 1, new Dictionary<string, string>());
        using var store = EvalRun.Open(dir, manifest, problems, resume: false);

        // Memory is read at fixed points after a full collection: live managed bytes and the process working set.
        var marks = MemoryMarks.Where(m => m <= samples).ToArray();
        var memory = new List<string>();
        var next = 0;
        var gate = new Lock();
        var lastMark = (Done: 0, Cpu: TimeSpan.Zero, Wall: TimeSpan.Zero);
        var wall = new Stopwatch();
        // The JIT settles over the first ~10,000 samples on a busy 2-core machine; figures from this mark on are the steady state.
        const int SteadyFrom = 10_000;
        (int Done, TimeSpan Cpu, TimeSpan Wall)? steady = null;
        var progress = new Reporter(p =>
        {
            if (next >= marks.Length || p.Done < marks[next]) return;
            lock (gate)
            {
                if (next >= marks.Length || p.Done < marks[next]) return;
                next++;
                using var self = Process.GetCurrentProcess();
                // CPU and rate since the previous mark: after the first marks the JIT has settled, so this is the steady state.
                var (cpuNow, wallNow) = (self.TotalProcessorTime, wall.Elapsed);
                var n = p.Done - lastMark.Done;
                var window = string.Create(Inv, $"{(cpuNow - lastMark.Cpu).TotalMilliseconds / n:0.000} ms CPU/sample, {n / (wallNow - lastMark.Wall).TotalSeconds:0} samples/s since previous mark");
                lastMark = (p.Done, cpuNow, wallNow);
                if (marks[next - 1] == SteadyFrom) steady = lastMark;
                var live = GC.GetTotalMemory(forceFullCollection: true);
                memory.Add(string.Create(Inv, $"{p.Done}: {live / 1048576.0:0.0} MiB managed, {self.WorkingSet64 / 1048576.0:0} MiB working set, {window}"));
            }
        });
        using var me = Process.GetCurrentProcess();
        server.Refresh();
        var serverCpu0 = server.TotalProcessorTime;
        var cpu0 = me.TotalProcessorTime;
        lastMark = (0, cpu0, TimeSpan.Zero);
        wall.Start();
        var gcs0 = GC.CollectionCount(0);
        var alloc0 = GC.GetTotalAllocatedBytes(precise: false);
        var clock = Stopwatch.StartNew();
        var summary = await new EvalRunner(solver, new EvalRunOptions { Concurrency = concurrency }).RunAsync(benchmark, store, progress);
        clock.Stop();
        me.Refresh();
        server.Refresh();
        var cpu = me.TotalProcessorTime - cpu0;
        var serverCpu = server.TotalProcessorTime - serverCpu0;
        var allocated = GC.GetTotalAllocatedBytes(precise: false) - alloc0;

        var ideal = concurrency / latency.TotalSeconds;
        var actual = samples / clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(Inv, $"samples {summary.Samples}, errors {summary.Errors}, pass@1 {summary.Pass1:P1}, {concurrency} at once, {latency.TotalMilliseconds:0} ms server latency, server GC {(GCSettings.IsServerGC ? "server" : "workstation")}"));
        Console.WriteLine(string.Create(Inv, $"throughput {actual:0.0} samples/s; ideal {ideal:0.0} ({actual / ideal:P1} of ideal); wall {clock.Elapsed.TotalSeconds:0.00} s"));
        Console.WriteLine(string.Create(Inv, $"client CPU {cpu.TotalMilliseconds / samples:0.000} ms per sample ({cpu.TotalSeconds:0.00} s); loopback server (separate process) {serverCpu.TotalMilliseconds / samples:0.000} ms per sample"));
        Console.WriteLine(string.Create(Inv, $"client allocations {allocated / (double)samples / 1024:0.0} KiB per sample; gen0 GCs {GC.CollectionCount(0) - gcs0}; SQLite commits {store.Commits} ({samples / (double)Math.Max(1, store.Commits):0.0} samples per commit)"));
        // The run ends with the summary (metrics over every stored sample, bootstrap CI, summary.json): a fixed cost per
        // run, shown apart so the rates below are the sampling itself.
        var sampled = lastMark.Done == samples ? lastMark.Wall : clock.Elapsed;
        Console.WriteLine(string.Create(Inv, $"sampling {sampled.TotalSeconds:0.00} s ({samples / sampled.TotalSeconds / ideal:P1} of ideal), then summary {(clock.Elapsed - sampled).TotalMilliseconds:0} ms"));
        if (steady is { } st && samples > st.Done)
        {
            var n = samples - st.Done;
            var rate = n / (sampled - st.Wall).TotalSeconds;
            Console.WriteLine(string.Create(Inv, $"steady state (samples {st.Done}-{samples}): {rate:0.0} samples/s ({rate / ideal:P1} of ideal), client CPU {(cpu + cpu0 - st.Cpu).TotalMilliseconds / n:0.000} ms per sample"));
        }
        Console.WriteLine("along the run:");
        foreach (var line in memory) Console.WriteLine("  " + line);
        Directory.Delete(dir, recursive: true);
        return summary.Errors == 0 ? 0 : 1;
    }

    /// <summary>Starts this bench again as a child process running <c>scenario NAME serve PORT MS</c> and waits for it to listen.</summary>
    internal static Process StartServer(string scenario, int port, int latencyMs)
    {
        var self = typeof(EvalThroughput).Assembly.Location;
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // `dotnet bench.dll …` runs the dll again; an apphost runs itself.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet") start.ArgumentList.Add(self);
        foreach (var a in new[] { "scenario", scenario, "serve", port.ToString(Inv), latencyMs.ToString(Inv) }) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var ready = process.StandardOutput.ReadLine();
        if (ready != "ready") throw new InvalidOperationException($"the loopback server did not start: {ready}");
        return process;
    }

    /// <summary>
    /// A deliberately minimal HTTP/1.1 server (keep-alive, one request at a time per connection, Content-Length bodies):
    /// it reads the request, waits the latency and writes a fixed streamed completion (<paramref name="sse"/>), so almost all
    /// CPU is the client's.
    /// Stops when its standard input closes.
    /// </summary>
    internal static async Task<int> ServeAsync(int port, TimeSpan latency, string sse, string contentType = "text/event-stream")
    {
        var body = Encoding.UTF8.GetBytes(sse);
        var response = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\n\r\n").Concat(body).ToArray();
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start(1024);
        using var stop = new CancellationTokenSource();
        _ = Task.Run(async () =>
        {
            await Console.In.ReadToEndAsync();
            await stop.CancelAsync();
            listener.Stop();
        });
        Console.WriteLine("ready");
        while (!stop.IsCancellationRequested)
        {
            Socket socket;
            try { socket = await listener.AcceptSocketAsync(stop.Token); }
            catch (Exception) when (stop.IsCancellationRequested) { break; }
            _ = ConnectionAsync(socket, response, latency, stop.Token);
        }
        return 0;
    }

    private static async Task ConnectionAsync(Socket socket, byte[] response, TimeSpan latency, CancellationToken ct)
    {
        using var _ = socket;
        socket.NoDelay = true;
        var buffer = new byte[16 * 1024];
        var filled = 0;
        try
        {
            while (true)
            {
                // Headers: read until the blank line.
                int headerEnd;
                while ((headerEnd = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) < 0)
                {
                    if (filled == buffer.Length) return;
                    var n = await socket.ReceiveAsync(buffer.AsMemory(filled), ct);
                    if (n == 0) return;
                    filled += n;
                }
                var length = ContentLength(buffer.AsSpan(0, headerEnd));
                var consumed = headerEnd + 4;
                // Body: skip Content-Length bytes, which may span several reads.
                var inBuffer = Math.Min(length, filled - consumed);
                consumed += inBuffer;
                var left = length - inBuffer;
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                while (left > 0)
                {
                    var n = await socket.ReceiveAsync(buffer, ct);
                    if (n == 0) return;
                    var take = Math.Min(n, left);
                    left -= take;
                    buffer.AsSpan(take, n - take).CopyTo(buffer);
                    filled = n - take;
                }
                await Task.Delay(latency, ct);
                await socket.SendAsync(response, ct);
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client closed the connection or the server is stopping.
        }
    }

    private static int ContentLength(ReadOnlySpan<byte> headers)
    {
        var text = Encoding.ASCII.GetString(headers);
        var at = text.IndexOf("\r\ncontent-length:", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return 0;
        var start = at + "\r\ncontent-length:".Length;
        var end = text.IndexOf('\r', start);
        return int.Parse(text.AsSpan(start, (end < 0 ? text.Length : end) - start).Trim(), Inv);
    }

    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class Reporter(Action<EvalProgress> report) : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value) => report(value);
    }
}
