using Microsoft.Extensions.AI;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Reasoning.Flux;
using ReasonFlux.Reasoning.Hosting;
using ReasonFlux.Templates;

namespace ReasonFlux.Server;

/// <summary>The served models ReasonFlux ships.</summary>
public static class ServedModels
{
    /// <summary>The name of the direct long chain-of-thought model.</summary>
    public const string DirectName = "reasonflux-direct";

    /// <summary>The name of the hierarchical template-guided model (navigator plans, inference model solves each step).</summary>
    public const string FluxName = "reasonflux-flux";

    /// <summary>
    /// Both served models over an opened host: <c>reasonflux-direct</c> with the host's direct settings as defaults and
    /// <c>reasonflux-flux</c> with the solver's own defaults, navigator and inference both the host's clients.
    /// </summary>
    /// <exception cref="ArgumentException">The host has no model or no template index (open it with <see cref="SolverSettings.AlwaysOpenIndex"/>).</exception>
    public static IReadOnlyList<ServedModel> From(SolverHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Inference is null || host.Navigator is null) throw new ArgumentException("the host has no model to serve", nameof(host));
        if (host.Index is null) throw new ArgumentException("the host has no template index; open it with AlwaysOpenIndex", nameof(host));
        return [Direct(host.Inference, host.Settings.EffectiveDirect), Flux(host.Navigator, host.Inference, host.Index, new FluxSolverOptions())];
    }

    /// <summary>
    /// <c>reasonflux-direct</c>: a <see cref="DirectSolver"/> over <paramref name="client"/>. Each request's settings override
    /// <paramref name="defaults"/>: max tokens, temperature, top-p, seed, <c>n</c> as the number of samples, and stop sequences.
    /// </summary>
    public static ServedModel Direct(IChatClient client, DirectSolverOptions? defaults = null, string name = DirectName)
    {
        ArgumentNullException.ThrowIfNull(client);
        var baseline = defaults ?? new DirectSolverOptions();
        return new ServedModel(name, settings =>
        {
            var options = baseline with
            {
                MaxTokens = settings.MaxTokens ?? baseline.MaxTokens,
                Temperature = settings.Temperature ?? baseline.Temperature,
                TopP = settings.TopP ?? baseline.TopP,
                Seed = settings.Seed ?? baseline.Seed,
                Samples = settings.N,
            };
            // A thinking budget from the defaults cannot exceed a smaller per-request cap; the request's cap wins.
            if (options.ThinkingBudget >= options.MaxTokens) options = options with { ThinkingBudget = null, MinThinking = null };
            var backend = settings.Stop.Count == 0 ? client : new StopSequenceChatClient(client, settings.Stop);
            return new DirectSolver(backend, options);
        });
    }

    /// <summary>
    /// <c>reasonflux-flux</c>: a <see cref="FluxSolver"/> with <paramref name="navigator"/> planning and reviewing over
    /// <paramref name="index"/> and <paramref name="inference"/> solving each step (the two may be the same client). Each
    /// request's settings override <paramref name="defaults"/>: max tokens as the cap per model call, temperature, top-p,
    /// seed and <c>n</c> as the number of trajectories. Stop sequences are not applied: cutting the navigator's JSON plans
    /// or a step's reasoning would break the trajectory, and the final answer is short anyway.
    /// </summary>
    public static ServedModel Flux(IChatClient navigator, IChatClient inference, ITemplateIndex index, FluxSolverOptions? defaults = null, string name = FluxName)
    {
        ArgumentNullException.ThrowIfNull(navigator);
        ArgumentNullException.ThrowIfNull(inference);
        ArgumentNullException.ThrowIfNull(index);
        var baseline = defaults ?? new FluxSolverOptions();
        return new ServedModel(name, settings => new FluxSolver(navigator, inference, index, baseline with
        {
            MaxTokensPerCall = settings.MaxTokens ?? baseline.MaxTokensPerCall,
            Temperature = settings.Temperature ?? baseline.Temperature,
            TopP = settings.TopP ?? baseline.TopP,
            Seed = settings.Seed ?? baseline.Seed,
            Samples = settings.N,
        }));
    }
}
