using ReasonFlux.Distillation;
using ReasonFlux.Evaluation;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Models;
using ReasonFlux.Models.Hub;
using ReasonFlux.Models.Local;
using ReasonFlux.Reasoning;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Reasoning.Flux;
using ReasonFlux.Reasoning.Hosting;
using ReasonFlux.Server;
using ReasonFlux.Training.Configs;
using ReasonFlux.Training.Datasets;
using ReasonFlux.Training.Pairs;

namespace ReasonFlux.Cli.Errors;

/// <summary>
/// The flag a user types for each library setting (<see cref="Setting.Key"/>), so an error about a setting names the
/// option of the command line. A setting without a flag is named in its plain words.
/// </summary>
internal static class SettingFlags
{
    private static readonly Dictionary<string, string> Flags = new(StringComparer.Ordinal)
    {
        [Key<SamplingOptions>(nameof(SamplingOptions.Temperature))] = "--temperature",
        [Key<SamplingOptions>(nameof(SamplingOptions.TopP))] = "--top-p",
        [Key<SamplingOptions>(nameof(SamplingOptions.MaxTokens))] = "--max-tokens",
        [Key<DirectSolverOptions>(nameof(DirectSolverOptions.MaxTokens))] = "--max-tokens",
        [Key<DirectSolverOptions>(nameof(DirectSolverOptions.Samples))] = "--samples",
        [Key<DirectSolverOptions>(nameof(DirectSolverOptions.ThinkingBudget))] = "--thinking-budget",
        [Key<DirectSolverOptions>(nameof(DirectSolverOptions.MinThinking))] = "--min-thinking",
        [Key<FluxSolverOptions>(nameof(FluxSolverOptions.MaxTokensPerCall))] = "--max-tokens",
        [Key<FluxSolverOptions>(nameof(FluxSolverOptions.MaxSteps))] = "--max-steps",
        [Key<FluxSolverOptions>(nameof(FluxSolverOptions.MaxRevisions))] = "--max-revisions",
        [Key<FluxSolverOptions>(nameof(FluxSolverOptions.MaxTotalTokens))] = "--max-total-tokens",
        [Key<FluxSolverOptions>(nameof(FluxSolverOptions.Timeout))] = "--timeout",
        [Key<FluxSolverOptions>(nameof(FluxSolverOptions.Samples))] = "--samples",
        [Key<ModelSpec>(nameof(ModelSpec.Model))] = "--model",
        [Key<SolverSettings>(nameof(SolverSettings.NavigatorModel))] = "--navigator-model",
        [Key<GgufModelOptions>(nameof(GgufModelOptions.ChatFormat))] = "--chat-format",
        [Key<HubOptions>(nameof(HubOptions.HubUrl))] = $"--hub-url (or ${HubOptions.HubUrlVariable})",
        [Key<EvalRunOptions>(nameof(EvalRunOptions.Samples))] = "--samples",
        [Key<EvalRunOptions>(nameof(EvalRunOptions.Concurrency))] = "--concurrency",
        [Key<EvalRunOptions>(nameof(EvalRunOptions.Limit))] = "--limit",
        [Key<EvalRunOptions>(nameof(EvalRunOptions.SampleTimeout))] = "--sample-timeout",
        [BenchmarkSource.NameOrPath.Key] = "--benchmark",
        [BenchmarkDownloadException.LocalCopy.Key] = "--data PATH",
        [Key<DistillOptions>(nameof(DistillOptions.Concurrency))] = "--concurrency",
        [Key<DistillOptions>(nameof(DistillOptions.Limit))] = "--limit",
        [Key<DistillOptions>(nameof(DistillOptions.MaxTokens))] = "--max-tokens",
        [Key<DistillOptions>(nameof(DistillOptions.DuplicateSimilarity))] = "--duplicate-similarity",
        [Key<DistillOptions>(nameof(DistillOptions.JudgeSimilarity))] = "--judge-similarity",
        [Key<DistillOptions>(nameof(DistillOptions.SectionSimilarity))] = "--section-similarity",
        [Key<PairOptions>(nameof(PairOptions.Trajectories))] = "--trajectories",
        [Key<PairOptions>(nameof(PairOptions.Instantiations))] = "--instantiations",
        [Key<PairOptions>(nameof(PairOptions.Concurrency))] = "--concurrency",
        [Key<PairOptions>(nameof(PairOptions.Limit))] = "--limit",
        [Key<PairOptions>(nameof(PairOptions.MaxTokens))] = "--max-tokens",
        [Key<PairOptions>(nameof(PairOptions.MinMargin))] = "--min-margin",
        [Key<LongCotOptions>(nameof(LongCotOptions.MaxPerProblem))] = "--max-per-problem",
        [Key<ReasonFluxServerOptions>(nameof(ReasonFluxServerOptions.Host))] = "--host",
        [Key<ReasonFluxServerOptions>(nameof(ReasonFluxServerOptions.Port))] = "--port",
        [Key<ReasonFluxServerOptions>(nameof(ReasonFluxServerOptions.MaxConcurrentRequests))] = "--max-requests",
        [Key<ReasonFluxServerOptions>(nameof(ReasonFluxServerOptions.QueueLimit))] = "--queue",
        [Key<ReasonFluxServerOptions>(nameof(ReasonFluxServerOptions.SolveTimeout))] = "--timeout",
        [Key<ReasonFluxServerOptions>(nameof(ReasonFluxServerOptions.ApiKey))] = "--server-api-key",
        [Key<ReasonFluxServerOptions>(nameof(ReasonFluxServerOptions.CorsOrigins))] = "--cors-origin",
        [Key<ReasonFluxServerOptions>(nameof(ReasonFluxServerOptions.AllowedHosts))] = "--allowed-hosts",
        [Key<TrainConfigRequest>(nameof(TrainConfigRequest.Stage))] = "--stage",
        [Key<TrainConfigRequest>(nameof(TrainConfigRequest.NprocPerNode))] = "--nproc",
        [Key<TrainConfigRequest>(nameof(TrainConfigRequest.Nnodes))] = "--nnodes",
        [Key<TrainConfigRequest>(nameof(TrainConfigRequest.MasterAddr))] = "--master-addr",
        [Key<TrainConfigRequest>(nameof(TrainConfigRequest.MasterPort))] = "--master-port",
    };

    /// <summary>Where a command takes a setting under another flag than the table's: (command path, key) → flag.</summary>
    private static readonly Dictionary<(string Command, string Key), string> CommandFlags = new()
    {
        // The data commands take the local copy of a benchmark as the benchmark itself.
        [("reasonflux data sft", BenchmarkDownloadException.LocalCopy.Key)] = "--benchmark PATH (a local copy)",
        [("reasonflux data pairs", BenchmarkDownloadException.LocalCopy.Key)] = "--benchmark PATH (a local copy)",
    };

    /// <summary>The setting keys that have a flag, for tests.</summary>
    internal static IEnumerable<string> Keys => Flags.Keys;

    /// <summary>How the user names <paramref name="setting"/> in <paramref name="commandPath"/> ("reasonflux eval").</summary>
    public static string For(Setting setting, string commandPath) =>
        CommandFlags.TryGetValue((commandPath, setting.Key), out var special) ? special
        : Flags.TryGetValue(setting.Key, out var flag) ? flag
        : setting.Words;

    private static string Key<TOptions>(string property) => Setting.Of<TOptions>(property, "").Key;
}
