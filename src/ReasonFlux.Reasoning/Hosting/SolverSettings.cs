using ReasonFlux.Models;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Reasoning.Flux;

namespace ReasonFlux.Reasoning.Hosting;

/// <summary>
/// Everything <see cref="SolverHost.OpenAsync"/> needs to assemble a solver: which one, over which model(s), with which
/// sampling and solver settings. Commands fill it from their options; tests and embedders fill it directly.
/// </summary>
public sealed record SolverSettings
{
    /// <summary>The solver. Default <see cref="SolverKind.Direct"/>.</summary>
    public SolverKind Kind { get; init; } = SolverKind.Direct;

    /// <summary>The inference model. With <see cref="Endpoints"/>, its <see cref="ModelSpec.Model"/> is the served model name.</summary>
    public ModelSpec Model { get; init; } = new();

    /// <summary>Several OpenAI-compatible servers of the same model; requests go to the one with fewest in flight. Empty: <see cref="Model"/> alone.</summary>
    public IReadOnlyList<Uri> Endpoints { get; init; } = [];

    /// <summary>The navigator model (GGUF, hf: reference, or a server's model name). Null: the inference model plans too.</summary>
    public string? NavigatorModel { get; init; }

    /// <summary>Server of <see cref="NavigatorModel"/>. Null: the inference model's server when the navigator is a server model.</summary>
    public Uri? NavigatorEndpoint { get; init; }

    /// <summary>Sampling that overrides the solver options' own (unset values keep theirs). Sample i of a run uses seed + i.</summary>
    public SamplingOptions Sampling { get; init; } = new();

    /// <summary>Settings of the direct solver (budget forcing, in-solve samples); its sampling fields yield to <see cref="Sampling"/>.</summary>
    public DirectSolverOptions Direct { get; init; } = new();

    /// <summary>Settings of the flux solver; its sampling fields yield to <see cref="Sampling"/>.</summary>
    public FluxSolverOptions Flux { get; init; } = new();

    /// <summary>Template library for flux: <c>starter</c> (embedded, default), <c>official</c> (after a pull) or a JSON file path.</summary>
    public string? Library { get; init; }

    /// <summary>Cache root for the template index and the official library. Null: <see cref="CacheRoot.Resolve"/>.</summary>
    public string? CacheDir { get; init; }

    /// <summary>Retries and the concurrency limit around every model client. Its label is set per role.</summary>
    public ModelCallPolicy CallPolicy { get; init; } = new();

    /// <summary>Whether a template index is built even for the direct solver (a server offers both).</summary>
    public bool AlwaysOpenIndex { get; init; }

    /// <summary>Told (embedded, total) while the template index is built; not told when it loads from the cache. Changes no result.</summary>
    public IProgress<(int Done, int Total)>? IndexProgress { get; init; }

    /// <summary>The direct solver's options with <see cref="Sampling"/> applied.</summary>
    public DirectSolverOptions EffectiveDirect => Direct with
    {
        Temperature = Sampling.Temperature ?? Direct.Temperature,
        TopP = Sampling.TopP ?? Direct.TopP,
        Seed = Sampling.Seed ?? Direct.Seed,
        MaxTokens = Sampling.MaxTokens ?? Direct.MaxTokens,
    };

    /// <summary>The flux solver's options with <see cref="Sampling"/> applied (its max tokens cap each call).</summary>
    public FluxSolverOptions EffectiveFlux => Flux with
    {
        Temperature = Sampling.Temperature ?? Flux.Temperature,
        TopP = Sampling.TopP ?? Flux.TopP,
        Seed = Sampling.Seed ?? Flux.Seed,
        MaxTokensPerCall = Sampling.MaxTokens ?? Flux.MaxTokensPerCall,
    };

    /// <summary>Throws <see cref="SettingException"/> naming the setting that is wrong.</summary>
    public void Validate()
    {
        Sampling.Validate();
        if (Kind == SolverKind.Direct) EffectiveDirect.Validate();
        if (Kind == SolverKind.Flux) EffectiveFlux.Validate();
        if (Endpoints.Count > 0 && string.IsNullOrWhiteSpace(Model.Model))
            throw SettingException.Missing(Setting.Of<ModelSpec>(nameof(ModelSpec.Model), "model name"), "endpoints need the model name the servers serve");
        if (NavigatorEndpoint is not null && NavigatorModel is null)
            throw SettingException.Missing(Setting.Of<SolverSettings>(nameof(NavigatorModel), "navigator model name"), "a navigator endpoint needs the navigator model name the server serves");
    }
}
