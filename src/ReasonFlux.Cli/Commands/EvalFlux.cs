using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.AI;
using ReasonFlux.Evaluation;
using ReasonFlux.Models;
using ReasonFlux.Models.Local;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Reasoning;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Reasoning.Flux;

namespace ReasonFlux.Cli.Commands;

/// <summary><c>reasonflux eval --solver flux</c>: the hierarchical solver over the run's inference client, one per sample index.</summary>
internal static class EvalFlux
{
    /// <summary>The solver of sample i (its seed is --seed + i) and the settings the run manifest records.</summary>
    public static async Task<(Func<int, ISolver> SolverFor, IReadOnlyDictionary<string, string> Parameters)> OpenAsync(
        ParseResult parse, ModelOptionSet models, FluxOptionSet flux, Option<string[]> endpoints, IChatClient inference, ChatFormat? format,
        Option<int> maxTokens, DirectSolverOptions sampling, EvalRunOptions run, List<ModelSession> sessions, TextWriter error, CancellationToken token)
    {
        // --max-tokens caps each call here; left out, the original's per-call cap applies.
        var perCall = parse.GetResult(maxTokens) is { Implicit: false } ? parse.GetValue(maxTokens) : (int?)null;
        var options = flux.ToOptions(parse, perCall, sampling.Temperature, sampling.TopP, sampling.Seed, samples: 1) with { InferenceStartsInThinking = format?.OpensThinking };

        // A navigator given as a server model name is served by the (first) --endpoint unless --navigator-endpoint says otherwise.
        var first = (parse.GetValue(endpoints) ?? []).FirstOrDefault();
        var inferenceSpec = models.ToSpec(parse) with { Endpoint = first is not null && Uri.TryCreate(first, UriKind.Absolute, out var uri) ? uri : null };
        var navigator = inference;
        if (flux.NavigatorSpec(parse, inferenceSpec) is { } navigatorSpec)
        {
            var policy = EvalCommand.Policy(parse, models, run.Concurrency, "navigator");
            var session = await ModelLoader.OpenAsync(navigatorSpec, DownloadDisplay.Lines(error), c => ChatPipeline.Wrap(c, policy), token);
            sessions.Add(session);
            navigator = session.Client;
        }
        var index = await flux.OpenIndexAsync(parse, parse.GetValue(models.CacheDir), token);
        var perSample = new FluxSolver[run.Samples];
        ISolver For(int i) => perSample[i] ??= new FluxSolver(navigator, inference, index, options with { Seed = options.Seed is { } s ? s + i : null });

        var inv = CultureInfo.InvariantCulture;
        var parameters = new Dictionary<string, string>
        {
            ["navigator_model"] = parse.GetValue(flux.NavigatorModel) ?? "",
            ["navigator_endpoint"] = parse.GetValue(flux.NavigatorEndpoint) ?? "",
            ["library"] = parse.GetValue(flux.Library) ?? "starter",
            ["retrieval"] = options.Retrieval.ToString(),
            ["max_tokens_per_call"] = options.MaxTokensPerCall.ToString(inv),
            ["max_steps"] = options.MaxSteps.ToString(inv),
            ["max_revisions"] = options.MaxRevisions.ToString(inv),
            ["max_total_tokens"] = options.MaxTotalTokens?.ToString(inv) ?? "",
            ["flux_timeout_s"] = options.Timeout?.TotalSeconds.ToString(inv) ?? "",
            ["temperature"] = options.Temperature?.ToString(inv) ?? "",
            ["top_p"] = options.TopP?.ToString(inv) ?? "",
        };
        return (For, parameters);
    }
}
