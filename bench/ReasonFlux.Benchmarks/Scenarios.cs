namespace ReasonFlux.Benchmarks;

/// <summary>Timed end-to-end scenarios that print their figures. Each issue adds its own entry.</summary>
internal static class Scenarios
{
    private static readonly Dictionary<string, Func<string[], Task<int>>> All = new(StringComparer.Ordinal)
    {
        ["templates"] = TemplateIndexScenario.RunAsync,
        ["templates-quality"] = TemplateQualityScenario.RunAsync,
        ["templates-experiments"] = TemplateRetrievalExperiments.RunAsync,
        ["grading"] = GradingBenchmarks.RunScenarioAsync,
        ["real-replies"] = RealRepliesScenario.RunAsync,
        ["openai-latency"] = OpenAIClientLatency.RunAsync,
        ["server-load"] = ServerLoad.RunAsync,
        ["flux-overhead"] = FluxOverhead.RunAsync,
        ["eval-throughput"] = EvalThroughput.RunAsync,
        ["client-cpu"] = ClientCpu.RunAsync,
        ["client-cpu-layers"] = ClientCpuLayers.RunAsync,
        ["inproc-throughput"] = InProcessThroughput.RunAsync,
        ["inproc-batched"] = InProcessBatching.RunAsync,
        ["inproc-latency"] = InProcessLatency.RunAsync,
        ["inproc-prefix"] = InProcessPrefixReuse.RunAsync,
        ["templates-distill"] = TemplateDistillThroughput.RunAsync,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !All.TryGetValue(args[0], out var run))
        {
            Console.Error.WriteLine($"usage: scenario NAME [args]; names: {string.Join(", ", All.Keys.Order(StringComparer.Ordinal))}");
            return 2;
        }
        return await run(args[1..]);
    }
}
