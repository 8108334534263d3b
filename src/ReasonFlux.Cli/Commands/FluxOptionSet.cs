using System.CommandLine;
using ReasonFlux.Reasoning.Hosting;
using ReasonFlux.Reasoning.Flux;

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
    public Option<string?> Trace { get; } = new("--trace") { Description = "Write the solve's trace (every model call; flux also its trajectories and retrievals) to this JSON file; view it with `reasonflux trace show`." };
    public Option<string?> Library { get; } = new("--library") { Description = "flux: template library: starter (default, embedded), official (after `templates pull`), or a JSON file." };
    public Option<string> Select { get; } = new("--select") { Description = "flux: with --samples, choose the answer by majority vote or by the navigator's review score.", DefaultValueFactory = _ => "majority" };

    public FluxOptionSet()
    {
        Retrieval.AcceptOnlyFromAmong("hierarchical", "flat");
        Select.AcceptOnlyFromAmong("majority", "review");
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { NavigatorModel, NavigatorEndpoint, Retrieval, MaxSteps, MaxRevisions, MaxTotalTokens, Timeout, Trace, Library, Select })
            command.Options.Add(option);
    }

    /// <summary>
    /// The flux part of <paramref name="settings"/>: solver options (with <paramref name="samples"/> trajectories per solve),
    /// navigator and library. Sampling stays with <see cref="SolverSettings.Sampling"/>.
    /// </summary>
    public SolverSettings ApplyTo(SolverSettings settings, ParseResult parse, int samples)
    {
        var options = new FluxSolverOptions
        {
            Samples = samples,
            MaxSteps = parse.GetValue(MaxSteps),
            MaxRevisions = parse.GetValue(MaxRevisions),
            MaxTotalTokens = parse.GetValue(MaxTotalTokens),
            Timeout = parse.GetValue(Timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
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
        options.Validate();
        return ApplyNavigator(settings, parse) with { Flux = options, Library = parse.GetValue(Library) };
    }

    /// <summary>The navigator options (<c>--navigator-model</c>, <c>--navigator-endpoint</c>) applied to <paramref name="settings"/>.</summary>
    public SolverSettings ApplyNavigator(SolverSettings settings, ParseResult parse)
    {
        var model = parse.GetValue(NavigatorModel);
        var endpointText = parse.GetValue(NavigatorEndpoint);
        if (model is null && endpointText is not null) throw new UsageException("--navigator-endpoint needs --navigator-model NAME (the model name the server serves)");
        Uri? endpoint = null;
        if (endpointText is not null && !Uri.TryCreate(endpointText, UriKind.Absolute, out endpoint))
            throw new UsageException($"--navigator-endpoint '{endpointText}' is not an absolute URL; expected e.g. http://127.0.0.1:8000/v1");
        return settings with { NavigatorModel = model, NavigatorEndpoint = endpoint };
    }
}
