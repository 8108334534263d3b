using ReasonFlux.ModelCalls;
using System.Diagnostics;
using System.Globalization;
using LLama;
using LLama.Common;
using LLama.Sampling;
using Microsoft.Extensions.AI;
using ReasonFlux.Models;
using ReasonFlux.Models.Formats;
using ReasonFlux.Models.Local;
using ReasonFlux.Models.Middleware;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// Decoding speed of stories260K through our whole in-process <see cref="IChatClient"/> stack (chat client + retry,
/// concurrency and accounting layers) against LLamaSharp's own StatelessExecutor on the same weights. Goal: ratio ≥ 0.95.
/// Usage: scenario inproc-throughput [PATH.gguf] [tokens] [rounds]
/// </summary>
internal static class InProcessThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var path = args.Length > 0 ? args[0] : Path.Combine(FindShared(), "models", "stories260K.gguf");
        var tokens = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1500;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 7;
        using var model = GgufModel.Load(path, new GgufModelOptions { ChatFormat = ChatFormat.Raw });
        using IChatClient ours = new RecordingChatClient(ChatPipeline.Wrap(new LocalChatClient(model), new ModelCallPolicy { MaxConcurrency = 8 }), new ModelCallRecorder(), new("bench"));
        var executor = new StatelessExecutor(model.Weights, model.Parameters);

        await OursAsync(ours, tokens);
        await DirectAsync(executor, tokens);
        var oursRates = new List<double>();
        var directRates = new List<double>();
        for (var i = 0; i < rounds; i++)
        {
            oursRates.Add(await OursAsync(ours, tokens));
            directRates.Add(await DirectAsync(executor, tokens));
        }
        var o = Median(oursRates);
        var d = Median(directRates);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"in-process decoding, {Path.GetFileName(path)}, {tokens} tokens x {rounds} rounds, {model.Parameters.Threads} threads"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ReasonFlux IChatClient stack: {o,8:F0} tok/s (median)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  LLamaSharp StatelessExecutor: {d,8:F0} tok/s (median)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ratio: {o / d:F3} (goal >= 0.95)"));
        return 0;
    }

    private static async Task<double> OursAsync(IChatClient client, int tokens)
    {
        var options = new ChatOptions { Temperature = 0, Seed = 1, MaxOutputTokens = tokens };
        var clock = Stopwatch.StartNew();
        long generated = 0;
        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Once upon a time")], options))
            foreach (var usage in update.Contents.OfType<UsageContent>()) generated += usage.Details.OutputTokenCount ?? 0;
        return generated / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> DirectAsync(StatelessExecutor executor, int tokens)
    {
        using var sampler = new DefaultSamplingPipeline { Temperature = 0, Seed = 1, RepeatPenalty = 1 };
        var parameters = new InferenceParams { MaxTokens = tokens, SamplingPipeline = sampler };
        var clock = Stopwatch.StartNew();
        var generated = 0;
        await foreach (var _ in executor.InferAsync("Once upon a time", parameters)) generated++;
        return generated / clock.Elapsed.TotalSeconds;
    }

    private static double Median(List<double> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }

    internal static string FindShared()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "shared", "models"))) return Path.Combine(dir.FullName, "shared");
        throw new DirectoryNotFoundException("shared/ not found beside the repository");
    }
}
