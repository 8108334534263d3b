using System.CommandLine;
using ReasonFlux.Models;
using ReasonFlux.Reasoning.Flux;
using ReasonFlux.Templates;

namespace ReasonFlux.Cli.Commands;

/// <summary>The options of <c>reasonflux solve --mode flux</c>, and what they make: solver options, the navigator spec, the template index.</summary>
internal sealed class FluxOptionSet
{
    public Option<string?> NavigatorModel { get; } = new("--navigator-model") { Description = "flux: the navigator model (GGUF, hf: ref, or with --navigator-endpoint a server's model name). Default: the inference model." };
    public Option<string?> NavigatorEndpoint { get; } = new("--navigator-endpoint") { Description = "flux: OpenAI-compatible server of the navigator model (default: --endpoint when --navigator-model is a server model)." };
    public Option<string> Retrieval { get; } = new("--retrieval") { Description = "flux: hierarchical (chapter, section, method, as the original) or flat template search.", DefaultValueFactory = _ => "hierarchical" };
    public Option<int> MaxSteps { get; } = new("--max-steps") { Description = "flux: most steps per trajectory (default 8).", DefaultValueFactory = _ => 8 };
    public Option<int> MaxRevisions { get; } = new("--max-revisions") { Description = "flux: most redos and re-plans per trajectory (default 2).", DefaultValueFactory = _ => 2 };
    public Option<long?> MaxTotalTokens { get; } = new("--max-total-tokens") { Description = "flux: stop and answer once this many tokens (prompt + generated, all calls) are spent." };
    public Option<double?> Timeout { get; } = new("--timeout") { Description = "flux: stop and answer after this many seconds." };
    public Option<string?> Trace { get; } = new("--trace") { Description = "flux: write the trace (every call, trajectory, retrieval) to this JSON file; view it with `reasonflux trace show`." };
    public Option<string?> Library { get; } = new("--library") { Description = "flux: template library: starter (default, embedded), official (after `templates pull`), or a JSON file." };
    public Option<string> Select { get; } = new("--select") { Description = "flux: with --samples, choose the answer by majority vote or by the navigator's review score.", DefaultValueFactory = _ => "majority" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { NavigatorModel, NavigatorEndpoint, Retrieval, MaxSteps, MaxRevisions, MaxTotalTokens, Timeout, Trace, Library, Select })
            command.Options.Add(option);
    }

    /// <summary>The solver options; <paramref name="maxTokensPerCall"/> null keeps the original's 3,072.</summary>
    public FluxSolverOptions ToOptions(ParseResult parse, int? maxTokensPerCall, float? temperature, float? topP, long? seed, int samples)
    {
        var defaults = new FluxSolverOptions();
        var options = new FluxSolverOptions
        {
            MaxTokensPerCall = maxTokensPerCall ?? defaults.MaxTokensPerCall,
            Temperature = temperature ?? defaults.Temperature,
            TopP = topP ?? defaults.TopP,
            Seed = seed,
            Samples = samples,
            MaxSteps = parse.GetValue(MaxSteps),
            MaxRevisions = parse.GetValue(MaxRevisions),
            MaxTotalTokens = parse.GetValue(MaxTotalTokens),
            Timeout = parse.GetValue(Timeout) is { } seconds ? (seconds > 0 ? TimeSpan.FromSeconds(seconds) : throw new UsageException("--timeout must be a positive number of seconds")) : null,
            Retrieval = parse.GetValue(Retrieval) switch
            {
                "hierarchical" => RetrievalMode.Hierarchical,
                "flat" => RetrievalMode.Flat,
                var other => throw new UsageException($"--retrieval {other}: expected hierarchical or flat"),
            },
            Selection = parse.GetValue(Select) switch
            {
                "majority" => SampleSelection.Majority,
                "review" => SampleSelection.Review,
                var other => throw new UsageException($"--select {other}: expected majority or review"),
            },
        };
        UsageException.Check(options.Validate);
        return options;
    }

    /// <summary>The navigator's model spec, or null when the navigator is the inference model.</summary>
    public ModelSpec? NavigatorSpec(ParseResult parse, ModelSpec inference)
    {
        var model = parse.GetValue(NavigatorModel);
        var endpointText = parse.GetValue(NavigatorEndpoint);
        if (model is null && endpointText is null) return null;
        if (model is null) throw new UsageException("--navigator-endpoint needs --navigator-model NAME (the model name the server serves)");
        Uri? endpoint = null;
        if (endpointText is not null && !Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint))
            throw new UsageException($"--navigator-endpoint '{endpointText}' is not an absolute URL; expected e.g. http://127.0.0.1:8000/v1");
        return inference with { Model = model, Endpoint = endpoint ?? (IsLocalModel(model) ? null : inference.Endpoint) };
    }

    /// <summary>Loads the library and builds (or loads from the cache) its embedding index.</summary>
    public async Task<TemplateIndex> OpenIndexAsync(ParseResult parse, string? cacheDir, CancellationToken ct)
    {
        var cache = cacheDir ?? CachePaths.Default();
        var library = parse.GetValue(Library) switch
        {
            null or "starter" => TemplateLibrary.LoadStarter(),
            "official" => File.Exists(OfficialLibrary.CachedPath(cache))
                ? TemplateLibrary.Load(OfficialLibrary.CachedPath(cache))
                : throw new UsageException("the official library is not downloaded yet; run `reasonflux templates pull`"),
            var path => File.Exists(path) ? TemplateLibrary.Load(path) : throw new UsageException($"{path}: template library file not found"),
        };
        return await TemplateIndex.BuildAsync(library, Embedders.MiniLm(), new TemplateIndexOptions { CacheDirectory = cache }, ct);
    }

    private static bool IsLocalModel(string model) =>
        model.StartsWith("hf:", StringComparison.Ordinal) || model.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase);
}
