using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LLama;
using LLama.Common;
using LLama.Native;
using LLama.Sampling;
using Microsoft.Extensions.AI;
using ReasonFlux.Models;
using ReasonFlux.Models.Formats;
using ReasonFlux.Models.Local;
using ReasonFlux.Server;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// `scenario inproc-batched [tokens] [rounds] [concurrency] [threads]`: stories260K, `concurrency` greedy requests
/// (different prompts) through <see cref="LocalChatClient"/> one after another and all at once, against a bare
/// batch loop over the same sequences on as many contexts as the model has decoder workers, each on its own thread (the
/// in-process ceiling) and, when LLAMA_SERVER names a llama-server binary, llama-server with as many slots, sequential
/// and concurrent. Rounds alternate the contenders; prints
/// min / median / max tok/s. Goals: concurrent ≥ 1.8× sequential; ≥ 0.8× llama-server concurrent.
/// Experiments behind the model settings: RF_EXPERIMENT=1 runs only the bare loop, 1 against N sequences, with its time in
/// decode and in sampling; RF_FA=0|1 (flash attention), RF_UNIFIED=1 (one KV stream for all), RF_SLOTCTX=N (cells per slot),
/// RF_BT=N (threads for multi-token batches). RF_EXPERIMENT=parallel: how llama.cpp itself scales over two contexts
/// decoding at once (one bare loop of n/2 sequences alone vs two side by side), and the same n/2 sequences decoded one
/// llama_decode each instead of one batch. RF_WORKERS=N sets the decoder workers.
/// </summary>
internal static class InProcessBatching
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly string[] Prompts =
        ["Once upon a time", "The cat", "Lily and Tom", "One day", "A little dog", "The sun was", "Tim had a ball", "In the park"];

    public static async Task<int> RunAsync(string[] args)
    {
        var tokens = args.Length > 0 ? int.Parse(args[0], Inv) : 256;
        var rounds = args.Length > 1 ? int.Parse(args[1], Inv) : 5;
        var n = args.Length > 2 ? int.Parse(args[2], Inv) : 8;
        int? threads = args.Length > 3 ? int.Parse(args[3], Inv) : null;
        var path = Path.Combine(InProcessThroughput.FindShared(), "models", "stories260K.gguf");
        if (Environment.GetEnvironmentVariable("RF_EXPERIMENT") == "parallel")
        {
            // Does llama.cpp scale over two contexts decoding at once? One bare loop of n/2 sequences alone vs two at once.
            using var m = GgufModel.Load(path, new GgufModelOptions { ChatFormat = ChatFormat.Raw, Threads = threads, ParallelSequences = n });
            var half = Enumerable.Range(0, n / 2).Select(i => Prompts[i % Prompts.Length]).ToArray();
            for (var r = 0; r < rounds; r++)
            {
                var alone = NativeBatchLoop(m, half, tokens);
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                var both = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() => NativeBatchLoopTokens(m, half, tokens), TaskCreationOptions.LongRunning)));
                var wall = clock.Elapsed.TotalSeconds;
                var busy = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / wall;
                var c1 = Stopwatch.StartNew();
                var split = PerSequenceLoopTokens(m, half, tokens) / c1.Elapsed.TotalSeconds;
                var c2 = Stopwatch.StartNew();
                var single = PerSequenceLoopTokens(m, half[..1], tokens) / c2.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(Inv, $"one loop of {half.Length}: {alone:F0} tok/s; two at once: {both.Sum() / wall:F0} tok/s ({both.Sum() / wall / alone:F2}x), CPU/wall {busy:F2}; {half.Length} seqs one decode each: {split:F0}; 1 seq: {single:F0}"));
            }
            return 0;
        }
        if (Environment.GetEnvironmentVariable("RF_EXPERIMENT") is { } exp)
        {
            using var m = GgufModel.Load(path, new GgufModelOptions { ChatFormat = ChatFormat.Raw, Threads = threads, ParallelSequences = n });
            var ps = Enumerable.Range(0, n).Select(i => Prompts[i % Prompts.Length]).ToArray();
            for (var r = 0; r < rounds; r++)
            {
                DecodeTicks = SampleTicks = 0;
                var one = NativeBatchLoop(m, ps[..1], tokens);
                var (d1, s1) = (DecodeTicks * 1000.0 / Stopwatch.Frequency, SampleTicks * 1000.0 / Stopwatch.Frequency);
                DecodeTicks = SampleTicks = 0;
                var many = NativeBatchLoop(m, ps, tokens);
                Console.WriteLine(string.Create(Inv, $"1 seq {one:F0} (decode {d1:F0} ms, sample {s1:F0} ms)  {n} seq {many:F0} (decode {DecodeTicks * 1000.0 / Stopwatch.Frequency:F0} ms, sample {SampleTicks * 1000.0 / Stopwatch.Frequency:F0} ms)"));
            }
            return 0;
        }
        using var model = GgufModel.Load(path, new GgufModelOptions { ChatFormat = ChatFormat.Raw, Threads = threads, ParallelSequences = n },
            Environment.GetEnvironmentVariable("RF_WORKERS") is { } workers ? int.Parse(workers, Inv) : null);
        var client = new LocalChatClient(model);
        var prompts = Enumerable.Range(0, n).Select(i => Prompts[i % Prompts.Length]).ToArray();
        await using var peer = await LlamaServerPeer.StartAsync(path, n, model.ContextSize, model.Threads, 18601);
        // The same model behind `reasonflux serve`'s endpoint (direct solver), called over loopback HTTP.
        await using var server = await ReasonFluxServer.StartAsync(new ReasonFluxServerOptions { Port = 0, Models = [ServedModels.Direct(client)], MaxConcurrentRequests = 64 });
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var results = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        void Add(string name, double value) => (results.TryGetValue(name, out var l) ? l : results[name] = []).Add(value);
        await SequentialAsync(client, prompts, tokens);
        for (var r = 0; r < rounds; r++)
        {
            Add("ours, sequential", await SequentialAsync(client, prompts, tokens));
            var (rate, cpu) = await ConcurrentAsync(client, prompts, tokens);
            Add("ours, concurrent", rate);
            Add("cpu/wall", cpu);
            Add("bare batch loop (ceiling)", await NativeBatchLoopsAsync(model, prompts, tokens));
            Add("ours via serve (HTTP), sequential", await ServeAsync(http, prompts, tokens, concurrent: false));
            Add("ours via serve (HTTP), concurrent", await ServeAsync(http, prompts, tokens, concurrent: true));
            if (peer is not null)
            {
                Add("llama-server, sequential", await PeerAsync(peer, prompts, tokens, concurrent: false));
                Add("llama-server, concurrent", await PeerAsync(peer, prompts, tokens, concurrent: true));
            }
        }

        Console.WriteLine(string.Create(Inv, $"batched in-process decoding, stories260K, {n} requests x {tokens} tokens, {rounds} rounds, {model.Threads} thread(s), {model.DecoderWorkers} decoder worker(s), load {Load()}"));
        var cpuWall = results["cpu/wall"];
        results.Remove("cpu/wall");
        foreach (var (name, values) in results)
            Console.WriteLine(string.Create(Inv, $"  {name,-34} {Median(values),8:F0} tok/s   (min {values.Min():F0}, max {values.Max():F0})"));
        var speedup = Ratios(results["ours, concurrent"], results["ours, sequential"]);
        Console.WriteLine(string.Create(Inv, $"  concurrent / sequential (ours): {Median(speedup):F2} (per round {Range(speedup)}; goal >= 1.8)"));
        var viaServe = Ratios(results["ours via serve (HTTP), concurrent"], results["ours via serve (HTTP), sequential"]);
        Console.WriteLine(string.Create(Inv, $"  concurrent / sequential via serve: {Median(viaServe):F2} (per round {Range(viaServe)})"));
        Console.WriteLine(string.Create(Inv, $"  ours concurrent, process CPU / wall: {Median(cpuWall):F2} (per round {Range(cpuWall)}; {model.DecoderWorkers} worker(s))"));
        var ceiling = Ratios(results["ours, concurrent"], results["bare batch loop (ceiling)"]);
        Console.WriteLine(string.Create(Inv, $"  ours concurrent / batch loop:   {Median(ceiling):F2} (per round {Range(ceiling)})"));
        if (peer is not null)
        {
            var vsPeer = Ratios(results["ours, concurrent"], results["llama-server, concurrent"]);
            Console.WriteLine(string.Create(Inv, $"  ours / llama-server, concurrent: {Median(vsPeer):F2} (per round {Range(vsPeer)}; goal >= 0.8)"));
            var vsPeerSeq = Ratios(results["ours, sequential"], results["llama-server, sequential"]);
            Console.WriteLine(string.Create(Inv, $"  ours / llama-server, sequential: {Median(vsPeerSeq):F2} (per round {Range(vsPeerSeq)})"));
        }
        else
        {
            Console.WriteLine("  llama-server: skipped (set LLAMA_SERVER to a llama-server binary)");
        }
        return 0;
    }

    private static ChatOptions Greedy(int tokens) => new() { Temperature = 0, MaxOutputTokens = tokens, Seed = 1 };

    private static async Task<double> SequentialAsync(LocalChatClient client, string[] prompts, int tokens)
    {
        var clock = Stopwatch.StartNew();
        long generated = 0;
        foreach (var p in prompts)
            generated += (await client.GetResponseAsync([new ChatMessage(ChatRole.User, p)], Greedy(tokens))).Usage?.OutputTokenCount ?? 0;
        return generated / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double Rate, double CpuPerWall)> ConcurrentAsync(LocalChatClient client, string[] prompts, int tokens)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var replies = await Task.WhenAll(prompts.Select(p => client.GetResponseAsync([new ChatMessage(ChatRole.User, p)], Greedy(tokens))));
        var wall = clock.Elapsed.TotalSeconds;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return (replies.Sum(r => r.Usage?.OutputTokenCount ?? 0) / wall, cpu.TotalSeconds / wall);
    }

    private static async Task<double> ServeAsync(HttpClient http, string[] prompts, int tokens, bool concurrent)
    {
        async Task<int> One(string prompt)
        {
            var body = JsonSerializer.Serialize(new { model = ServedModels.DirectName, max_tokens = tokens, temperature = 0, messages = new[] { new { role = "user", content = prompt } } });
            using var response = await http.PostAsync("v1/chat/completions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            using var json = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            return json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32();
        }
        var clock = Stopwatch.StartNew();
        long generated = 0;
        if (concurrent) generated = (await Task.WhenAll(prompts.Select(One))).Sum();
        else
            foreach (var p in prompts) generated += await One(p);
        return generated / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> PeerAsync(LlamaServerPeer peer, string[] prompts, int tokens, bool concurrent)
    {
        var clock = Stopwatch.StartNew();
        long generated = 0;
        if (concurrent)
            generated = (await Task.WhenAll(prompts.Select(p => peer.CompleteAsync(p, tokens)))).Sum(r => r.Tokens);
        else
            foreach (var p in prompts) generated += (await peer.CompleteAsync(p, tokens)).Tokens;
        return generated / clock.Elapsed.TotalSeconds;
    }

    /// <summary>The sequences split over as many contexts as the model has decoder workers, each loop on its own thread.</summary>
    private static async Task<double> NativeBatchLoopsAsync(GgufModel model, string[] prompts, int tokens)
    {
        var workers = model.DecoderWorkers;
        var clock = Stopwatch.StartNew();
        var generated = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Factory.StartNew(
            () => NativeBatchLoopTokens(model, prompts.Where((_, i) => i % workers == w).ToArray(), tokens), TaskCreationOptions.LongRunning)));
        return generated.Sum() / clock.Elapsed.TotalSeconds;
    }

    private static double NativeBatchLoop(GgufModel model, string[] prompts, int tokens)
    {
        var clock = Stopwatch.StartNew();
        return NativeBatchLoopTokens(model, prompts, tokens) / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The same sequences decoded by a bare loop over llama.cpp's API through LLamaSharp (the decode call itself is the
    /// direct one ours uses, without LLamaSharp's process-wide lock): one batch per step, greedy sampling, stopping at
    /// end-of-generation or the cap; no text, no channels, no scheduling. Returns the tokens generated.
    /// </summary>
    /// <summary>A context like a decoder worker's for <paramref name="slots"/> sequences, with the experiments' overrides.</summary>
    private static LLamaContext BareContext(GgufModel model, int slots)
    {
        var parameters = new ModelParams(model.Path)
        {
            ContextSize = (uint)((Environment.GetEnvironmentVariable("RF_SLOTCTX") is { } sc ? int.Parse(sc, Inv) : model.ContextSize) * slots),
            SeqMax = (uint)slots,
            KVUnified = Environment.GetEnvironmentVariable("RF_UNIFIED") == "1",
            Threads = model.Threads,
            BatchThreads = Environment.GetEnvironmentVariable("RF_BT") is { } bt ? int.Parse(bt, Inv) : model.Threads,
            FlashAttention = Environment.GetEnvironmentVariable("RF_FA") == "1",
        };
        parameters.TypeK = parameters.TypeV = GGMLType.GGML_TYPE_F32;
        return model.Weights.CreateContext(parameters);
    }

    /// <summary>The sequences on one context, each decoded by its own llama_decode per step (no batch).</summary>
    private static long PerSequenceLoopTokens(GgufModel model, string[] prompts, int tokens)
    {
        using var context = BareContext(model, prompts.Length);
        var samplers = prompts.Select(_ => new GreedySamplingPipeline()).ToArray();
        var batches = prompts.Select(_ => new NativeTokenBatch(512)).ToArray();
        var positions = new int[prompts.Length];
        var logits = new int[prompts.Length];
        var done = new bool[prompts.Length];
        for (var s = 0; s < prompts.Length; s++)
        {
            var t = model.Weights.Tokenize(prompts[s], true, true, System.Text.Encoding.UTF8);
            for (var i = 0; i < t.Length; i++) logits[s] = batches[s].Add(t[i], i, s, i == t.Length - 1);
            positions[s] = t.Length;
        }
        long generated = 0;
        for (var step = 0; step < tokens && !done.All(d => d); step++)
        {
            for (var s = 0; s < prompts.Length; s++)
            {
                if (done[s]) continue;
                if (batches[s].Decode(context.NativeHandle) != DecodeResult.Ok) throw new InvalidOperationException("decode failed");
                var token = samplers[s].Sample(context.NativeHandle, logits[s]);
                samplers[s].Accept(token);
                batches[s].Clear();
                if (token.IsEndOfGeneration(model.Weights.Vocab)) { done[s] = true; continue; }
                generated++;
                logits[s] = batches[s].Add(token, positions[s]++, s, true);
            }
        }
        foreach (var s in samplers) s.Dispose();
        return generated;
    }

    private static long NativeBatchLoopTokens(GgufModel model, string[] prompts, int tokens)
    {
        using var context = BareContext(model, prompts.Length);
        // Greedy, as ours samples at temperature 0.
        var samplers = prompts.Select(_ => new GreedySamplingPipeline()).ToArray();
        var batch = new NativeTokenBatch(512);
        var logits = new int[prompts.Length];
        var positions = new int[prompts.Length];
        var done = new bool[prompts.Length];
        for (var s = 0; s < prompts.Length; s++)
        {
            var t = model.Weights.Tokenize(prompts[s], true, true, System.Text.Encoding.UTF8);
            for (var i = 0; i < t.Length; i++) logits[s] = batch.Add(t[i], i, s, i == t.Length - 1);
            positions[s] = t.Length;
        }
        long generated = 0;
        for (var step = 0; step < tokens && !done.All(d => d); step++)
        {
            var d0 = Stopwatch.GetTimestamp();
            if (batch.Decode(context.NativeHandle) != DecodeResult.Ok) throw new InvalidOperationException("decode failed");
            DecodeTicks += Stopwatch.GetTimestamp() - d0;
            batch.Clear();
            for (var s = 0; s < prompts.Length; s++)
            {
                if (done[s]) continue;
                var s0 = Stopwatch.GetTimestamp();
                var token = samplers[s].Sample(context.NativeHandle, logits[s]);
                SampleTicks += Stopwatch.GetTimestamp() - s0;
                samplers[s].Accept(token);
                if (token.IsEndOfGeneration(model.Weights.Vocab))
                {
                    done[s] = true;
                    continue;
                }
                generated++;
                logits[s] = batch.Add(token, positions[s]++, s, true);
            }
        }
        foreach (var s in samplers) s.Dispose();
        return generated;
    }

    internal static long DecodeTicks, SampleTicks;

    internal static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    internal static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static List<double> Ratios(List<double> a, List<double> b) => a.Zip(b, (x, y) => x / y).ToList();

    private static string Range(List<double> values) => string.Create(Inv, $"{values.Min():F2}-{values.Max():F2}");
}
