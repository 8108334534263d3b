using System.Diagnostics;
using System.Globalization;
using System.Text;
using LLama.Sampling;
using Microsoft.Extensions.AI;
using ReasonFlux.Models;
using ReasonFlux.Models.Formats;
using ReasonFlux.Models.Local;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// `scenario inproc-latency [rounds]`: the fixed cost of one short in-process request (stories260K, 16 tokens), broken
/// into template rendering, tokenization, sampler set-up and the request as a whole, for 1 and 2 threads in alternation,
/// with sequential 256-token decoding speed per thread count; and, when LLAMA_SERVER is set, llama-server's latency
/// for the same request. Goal: a 16-token request ≤ 2× llama-server's latency.
/// </summary>
internal static class InProcessLatency
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly List<ChatMessage> Messages = [new(ChatRole.User, "Once upon a time")];

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], Inv) : 5;
        var path = Path.Combine(InProcessThroughput.FindShared(), "models", "stories260K.gguf");
        using var one = GgufModel.Load(path, new GgufModelOptions { ChatFormat = ChatFormat.Raw, Threads = 1 });
        using var two = GgufModel.Load(path, new GgufModelOptions { ChatFormat = ChatFormat.Raw, Threads = 2 });
        await using var peer = await LlamaServerPeer.StartAsync(path, 1, one.ContextSize, 1, 18602);
        var latency = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var speed = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        void Add(Dictionary<string, List<double>> d, string k, double v) => (d.TryGetValue(k, out var l) ? l : d[k] = []).Add(v);

        var render = new List<double>();
        var tokenize = new List<double>();
        var sampler = new List<double>();
        var context = new List<double>();
        for (var r = 0; r < rounds + 1; r++)
        {
            foreach (var (name, model) in new[] { ("1 thread", one), ("2 threads", two) })
            {
                var client = new LocalChatClient(model);
                for (var i = 0; i < 10; i++) Add(latency, name, await RequestMsAsync(client, 16));
                if (model == one)
                {
                    // The same request as a `solve --mode direct` makes it: prompt, streamed reply, answer extraction, trace.
                    var solver = new ReasonFlux.Reasoning.Direct.DirectSolver(client, new ReasonFlux.Reasoning.Direct.DirectSolverOptions { MaxTokens = 16, Temperature = 0 });
                    for (var i = 0; i < 10; i++)
                    {
                        var clock = Stopwatch.StartNew();
                        await ReasonFlux.Reasoning.SolverExtensions.SolveAsync(solver, new ReasonFlux.Reasoning.SolveRequest("Once upon a time"));
                        Add(latency, "solve, 1 thr", clock.Elapsed.TotalMilliseconds);
                    }
                }
                Add(speed, name, await TokensPerSecondAsync(client, 256));
            }
            if (peer is not null)
                for (var i = 0; i < 10; i++)
                {
                    var clock = Stopwatch.StartNew();
                    await peer.CompleteAsync("Once upon a time", 16);
                    Add(latency, "llama-server", clock.Elapsed.TotalMilliseconds);
                }
            render.Add(Time(() => one.Format.Render(Messages)));
            tokenize.Add(Time(() => one.Weights.Tokenize("Once upon a time", true, true, Encoding.UTF8)));
            context.Add(Time(() => one.CreateContext().Dispose(), 5));
            sampler.Add(Time(() => new DefaultSamplingPipeline { Temperature = 0, Seed = 1, RepeatPenalty = 1 }.Dispose()));
            if (r == 0)
            {
                latency.Clear();
                speed.Clear();
            }
        }

        Console.WriteLine(string.Create(Inv, $"in-process request cost, stories260K, {rounds} rounds, load {InProcessBatching.Load()}"));
        foreach (var (name, values) in latency)
            Console.WriteLine(string.Create(Inv, $"  16-token request, {name,-13} p50 {Percentile(values, 0.5),7:F2} ms  (min {values.Min():F2}, p90 {Percentile(values, 0.9):F2})"));
        foreach (var (name, values) in speed)
            Console.WriteLine(string.Create(Inv, $"  256 tokens alone, {name,-13} {InProcessBatching.Median(values),7:F0} tok/s (min {values.Min():F0}, max {values.Max():F0})"));
        Console.WriteLine(string.Create(Inv, $"  parts: render {Percentile(render, 0.5) * 1000:F1} us, tokenize {Percentile(tokenize, 0.5) * 1000:F1} us, sampler object {Percentile(sampler, 0.5) * 1000:F1} us (p50); a fresh context, which every request created before batching: {Percentile(context, 0.5):F1} ms"));
        if (peer is not null)
        {
            Console.WriteLine(string.Create(Inv, $"  ours (1 thread) / llama-server latency: {Percentile(latency["1 thread"], 0.5) / Percentile(latency["llama-server"], 0.5):F2} (goal <= 2)"));
            Console.WriteLine(string.Create(Inv, $"  ours, whole direct solve (1 thread) / llama-server request latency: {Percentile(latency["solve, 1 thr"], 0.5) / Percentile(latency["llama-server"], 0.5):F2} (goal <= 2)"));
        }
        var perRound = speed["1 thread"].Zip(speed["2 threads"], (a, b) => a / b).ToList();
        Console.WriteLine(string.Create(Inv, $"  1 thread / 2 threads, 256 tokens: {perRound.Min():F2}-{perRound.Max():F2} over {perRound.Count} rounds"));
        return 0;
    }

    private static async Task<double> RequestMsAsync(LocalChatClient client, int tokens)
    {
        var clock = Stopwatch.StartNew();
        await client.GetResponseAsync(Messages, new ChatOptions { Temperature = 0, MaxOutputTokens = tokens, Seed = 1 });
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<double> TokensPerSecondAsync(LocalChatClient client, int tokens)
    {
        var clock = Stopwatch.StartNew();
        var reply = await client.GetResponseAsync(Messages, new ChatOptions { Temperature = 0, MaxOutputTokens = tokens, Seed = 1 });
        return (reply.Usage?.OutputTokenCount ?? 0) / clock.Elapsed.TotalSeconds;
    }

    private static double Time(Action action, int times = 100)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < times; i++) action();
        return clock.Elapsed.TotalMilliseconds / times;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
    }
}
