using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using ReasonFlux.Models;
using ReasonFlux.Models.Formats;
using ReasonFlux.Models.Local;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// `scenario inproc-prefix [rounds] [output-tokens]`: flux-shaped traffic, one request after another that all start with
/// the same long instruction text and differ in their last sentence (stories260K, greedy). Latency per request with the
/// slots' prompt reuse on and off (rounds alternate), the prompt tokens each had to decode, and, when LLAMA_SERVER is
/// set, llama-server with its prompt cache on and off for the same requests.
/// </summary>
internal static class InProcessPrefixReuse
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private const string Instructions =
        "Once upon a time, there was a little girl named Lily. She loved to play outside in the park with her friends. " +
        "One day, she saw a big red ball under a tree. She wanted to play with it, but it was too high. Lily asked her mom " +
        "for help. Her mom smiled and said they could get the ball together. They found a long stick and pushed the ball " +
        "down from the tree. Lily was very happy and said thank you to her mom. They played with the ball all day long. " +
        "When the sun went down, they went home and had a big dinner. Lily told her dad about the ball and the tree. " +
        "Her dad laughed and said she was a very smart girl. The next day, Lily went back to the park with her friend Tom. " +
        "Tom had a small blue car. They played with the car and the ball, and they shared their toys. They were good friends. ";

    private static readonly string[] Endings =
        ["Then a dog came", "Tom said", "The sun was hot", "Mom called them", "A bird sang", "Lily saw a cat", "They ran home", "It began to rain"];

    public static async Task<int> RunAsync(string[] args)
    {
        var rounds = args.Length > 0 ? int.Parse(args[0], Inv) : 5;
        var output = args.Length > 1 ? int.Parse(args[1], Inv) : 16;
        var path = Path.Combine(InProcessThroughput.FindShared(), "models", "stories260K.gguf");
        using var reusing = GgufModel.Load(path, new GgufModelOptions { ChatFormat = ChatFormat.Raw });
        using var fresh = GgufModel.Load(path, new GgufModelOptions { ChatFormat = ChatFormat.Raw });
        fresh.ReusePromptPrefixes = false;
        await using var peer = await LlamaServerPeer.StartAsync(path, 1, reusing.ContextSize, reusing.Threads, 18603);
        var prompts = Endings.Select(e => Instructions + e).ToArray();
        var promptTokens = reusing.Weights.Tokenize(prompts[0], true, true, System.Text.Encoding.UTF8).Length;

        var latency = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var decoded = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        void Add(Dictionary<string, List<double>> d, string k, double v) => (d.TryGetValue(k, out var l) ? l : d[k] = []).Add(v);
        for (var r = 0; r < rounds + 1; r++)
        {
            var keep = r > 0; // round 0 warms up (and fills the slots for the reusing model)
            foreach (var (name, model) in new[] { ("ours, prompt reuse on", reusing), ("ours, prompt reuse off", fresh) })
            {
                var client = new LocalChatClient(model);
                foreach (var p in prompts)
                {
                    var clock = Stopwatch.StartNew();
                    var reply = await client.GetResponseAsync([new ChatMessage(ChatRole.User, p)], new ChatOptions { Temperature = 0, MaxOutputTokens = output });
                    if (!keep) continue;
                    Add(latency, name, clock.Elapsed.TotalMilliseconds);
                    Add(decoded, name, (reply.Usage?.InputTokenCount ?? 0) - (reply.Usage?.CachedInputTokenCount ?? 0));
                }
            }
            if (peer is null) continue;
            foreach (var (name, cache) in new[] { ("llama-server, cache_prompt on", true), ("llama-server, cache_prompt off", false) })
            {
                foreach (var p in prompts)
                {
                    var clock = Stopwatch.StartNew();
                    await peer.CompleteAsync(p, output, cachePrompt: cache);
                    if (keep) Add(latency, name, clock.Elapsed.TotalMilliseconds);
                }
            }
        }

        Console.WriteLine(string.Create(Inv, $"prompt prefix reuse, stories260K, {prompts.Length} requests x {rounds} rounds one after another, prompts of ~{promptTokens} tokens sharing all but the last few, {output} output tokens, {reusing.Threads} thread(s), load {InProcessBatching.Load()}"));
        foreach (var (name, values) in latency)
        {
            var tokens = decoded.TryGetValue(name, out var d) ? string.Create(Inv, $", prompt tokens decoded per request {InProcessBatching.Median(d):F0}") : "";
            Console.WriteLine(string.Create(Inv, $"  {name,-32} p50 {InProcessBatching.Median(values),7:F2} ms (min {values.Min():F2}, max {values.Max():F2}){tokens}"));
        }
        Console.WriteLine(string.Create(Inv, $"  ours, reuse off / on latency: {InProcessBatching.Median(latency["ours, prompt reuse off"]) / InProcessBatching.Median(latency["ours, prompt reuse on"]):F2}x"));
        if (peer is not null)
            Console.WriteLine(string.Create(Inv, $"  ours (reuse on) / llama-server (cache_prompt on) latency: {InProcessBatching.Median(latency["ours, prompt reuse on"]) / InProcessBatching.Median(latency["llama-server, cache_prompt on"]):F2}"));
        else
            Console.WriteLine("  llama-server: skipped (set LLAMA_SERVER to a llama-server binary)");
        return 0;
    }
}
