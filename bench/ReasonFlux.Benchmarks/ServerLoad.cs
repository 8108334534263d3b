using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using ReasonFlux.Reasoning;
using ReasonFlux.Server;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// The server's own cost, over a solver that answers at once: (1) latency, sequential, p50 of POST /v1/chat/completions
/// minus p50 of GET /health on the same server (the HTTP floor), interleaved; (2) requests/s with concurrent
/// HttpClient workers in the same process (client and server share the machine's cores). Goals: added p50 &lt; 2 ms, ≥ 2,000 req/s.
/// Usage: <c>scenario server-load [REQUESTS=3000] [SECONDS=5] [WORKERS=32]</c>.
/// </summary>
internal static class ServerLoad
{
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = Arg(args, 0, 3000);
        var seconds = Arg(args, 1, 5);
        var workers = Arg(args, 2, 32);
        var served = new ServedModel("instant", _ => new InstantSolver());
        await using var server = await ReasonFluxServer.StartAsync(new ReasonFluxServerOptions { Port = 0, Models = [served], MaxConcurrentRequests = 1024 });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        const string body = """{"model":"instant","messages":[{"role":"user","content":"What is 2+2?"}],"max_tokens":64,"temperature":0.6}""";

        async Task Chat()
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await http.PostAsync("v1/chat/completions", content);
            response.EnsureSuccessStatusCode();
            _ = await response.Content.ReadAsByteArrayAsync();
        }
        async Task Health()
        {
            using var response = await http.GetAsync("health");
            _ = await response.Content.ReadAsByteArrayAsync();
        }

        for (var i = 0; i < 300; i++) { await Chat(); await Health(); }
        var chat = new List<double>(requests);
        var floor = new List<double>(requests);
        var clock = new Stopwatch();
        for (var i = 0; i < requests; i++)
        {
            clock.Restart(); await Health(); floor.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart(); await Chat(); chat.Add(clock.Elapsed.TotalMilliseconds);
        }
        var (p50Chat, p50Floor) = (Percentile(chat, 0.5), Percentile(floor, 0.5));
        Console.WriteLine(FormattableString.Invariant($"latency: chat p50 {p50Chat:F3} ms (p99 {Percentile(chat, 0.99):F3}), /health p50 {p50Floor:F3} ms; added p50 {p50Chat - p50Floor:F3} ms"));

        var done = 0L;
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (until.Elapsed.TotalSeconds < seconds)
            {
                await Chat();
                Interlocked.Increment(ref done);
            }
        }));
        Console.WriteLine(FormattableString.Invariant($"throughput: {done / until.Elapsed.TotalSeconds:F0} requests/s ({done} in {until.Elapsed.TotalSeconds:F1} s, {workers} workers, {Environment.ProcessorCount} cores)"));
        return 0;
    }

    private static int Arg(string[] args, int index, int fallback) =>
        args.Length > index && int.TryParse(args[index], CultureInfo.InvariantCulture, out var value) ? value : fallback;

    private static double Percentile(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(q * sorted.Count))];
    }

    private sealed class InstantSolver : ISolver
    {
        private static readonly SampleResult Sample = new("The answer is \\boxed{4}.", "", "The answer is \\boxed{4}.", "4", 0, new TokenUsage(20, 8), false);

        public async IAsyncEnumerable<SolveUpdate> SolveStreamingAsync(SolveRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.CompletedTask;
            yield return new SolveUpdate(SolveUpdateKind.Answer, Sample.Text);
            yield return new SolveUpdate(SolveUpdateKind.Completed, "", 0, new Solution("4", Sample.Text, "", Sample.Usage, TimeSpan.Zero, "instant", [Sample]));
        }
    }
}
