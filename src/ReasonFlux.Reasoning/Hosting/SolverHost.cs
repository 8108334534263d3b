using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using ReasonFlux.Models;
using ReasonFlux.Models.Hub;
using ReasonFlux.Models.Formats;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Reasoning.Flux;
using ReasonFlux.Templates;

namespace ReasonFlux.Reasoning.Hosting;

/// <summary>
/// The composition root: opens the models a <see cref="SolverSettings"/> names (with retries, limits and load balancing),
/// builds the template index when flux needs it, and hands out the solver of each sample. Disposing it releases the models.
/// </summary>
public sealed class SolverHost : IDisposable
{
    private readonly List<ModelSession> _sessions;
    private readonly Func<int, ISolver> _create;
    private readonly ConcurrentDictionary<int, ISolver> _perSample = new();

    private SolverHost(SolverSettings settings, string modelId, IChatClient? inference, IChatClient? navigator, TemplateIndex? index, List<ModelSession> sessions, Func<SolverHost, int, ISolver> create, TimeSpan? indexTime = null)
    {
        IndexTime = indexTime;
        Settings = settings;
        ModelId = modelId;
        Inference = inference;
        Navigator = navigator;
        Index = index;
        _sessions = sessions;
        _create = i => create(this, i);
    }

    /// <summary>The settings the host was opened with.</summary>
    public SolverSettings Settings { get; }

    /// <summary>The inference model's id ("" when no model is used).</summary>
    public string ModelId { get; }

    /// <summary>The inference client (backend and middleware), or null for a solver without a model.</summary>
    public IChatClient? Inference { get; }

    /// <summary>The navigator client (the inference client unless another navigator was named), or null without a model.</summary>
    public IChatClient? Navigator { get; }

    /// <summary>The template index, when flux (or <see cref="SolverSettings.AlwaysOpenIndex"/>) asked for one.</summary>
    public TemplateIndex? Index { get; }

    /// <summary>How long building (or loading from the cache) <see cref="Index"/> took; null without an index.</summary>
    public TimeSpan? IndexTime { get; }

    /// <summary>
    /// Opens the models and, for flux, the template index (models first, so a wrong model path fails before the index
    /// is built). <see cref="SolverKind.Reference"/> has no model: use <see cref="ForSolver"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The settings are out of range.</exception>
    /// <exception cref="ModelException">A model cannot be found, downloaded or loaded.</exception>
    /// <exception cref="FileNotFoundException">The template library file (or the official library) is missing.</exception>
    public static async Task<SolverHost> OpenAsync(SolverSettings settings, IProgress<DownloadProgress>? downloads = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Kind == SolverKind.Reference)
            throw new ArgumentException("the reference solver answers from a benchmark and has no model; open it with SolverHost.ForSolver");
        settings.Validate();
        var sessions = new List<ModelSession>();
        try
        {
            var (inference, modelId) = await OpenInferenceAsync(settings, downloads, sessions, cancellationToken).ConfigureAwait(false);
            var navigator = inference;
            if (NavigatorSpec(settings) is { } navigatorSpec)
            {
                var session = await ModelLoader.OpenAsync(navigatorSpec, downloads, Wrap(settings), cancellationToken).ConfigureAwait(false);
                sessions.Add(session);
                navigator = session.Client;
            }
            TemplateIndex? index = null;
            TimeSpan? indexTime = null;
            if (settings.Kind == SolverKind.Flux || settings.AlwaysOpenIndex)
            {
                var watch = Stopwatch.StartNew();
                index = await TemplateIndexes.OpenAsync(settings.Library, settings.CacheDir, settings.IndexProgress, cancellationToken).ConfigureAwait(false);
                indexTime = watch.Elapsed;
            }
            return new SolverHost(settings, modelId, inference, navigator, index, sessions, Create, indexTime);
        }
        catch
        {
            foreach (var session in sessions) session.Dispose();
            throw;
        }
    }

    /// <summary>A host around a solver that needs no model (the reference solver); every sample uses it.</summary>
    public static SolverHost ForSolver(ISolver solver, SolverSettings settings)
    {
        ArgumentNullException.ThrowIfNull(solver);
        ArgumentNullException.ThrowIfNull(settings);
        return new SolverHost(settings, "", null, null, null, [], (_, _) => solver);
    }

    /// <summary>The solver of sample <paramref name="index"/> of a run: its seed is the base seed + index.</summary>
    public ISolver ForSample(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return _perSample.GetOrAdd(index, _create);
    }

    /// <summary>
    /// The settings that change results, as text for a run manifest: max tokens (direct), temperature, top-p and seed as
    /// given, and for flux every flux setting. Keys are stable across versions so older runs still resume.
    /// </summary>
    public IReadOnlyDictionary<string, string> Describe()
    {
        var inv = CultureInfo.InvariantCulture;
        var s = Settings;
        var direct = s.EffectiveDirect;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["max_tokens"] = s.Kind == SolverKind.Direct ? direct.MaxTokens.ToString(inv) : "",
            ["temperature"] = SamplingOptions.Text(s.Sampling.Temperature),
            ["top_p"] = SamplingOptions.Text(s.Sampling.TopP),
            ["seed"] = s.Sampling.Seed?.ToString(inv) ?? "",
        };
        if (s.Kind != SolverKind.Flux) return parameters;
        var flux = s.EffectiveFlux;
        parameters["navigator_model"] = s.NavigatorModel ?? "";
        parameters["navigator_endpoint"] = s.NavigatorEndpoint?.OriginalString ?? "";
        parameters["library"] = s.Library ?? "starter";
        parameters["retrieval"] = flux.Retrieval.ToString();
        parameters["max_tokens_per_call"] = flux.MaxTokensPerCall.ToString(inv);
        parameters["max_steps"] = flux.MaxSteps.ToString(inv);
        parameters["max_revisions"] = flux.MaxRevisions.ToString(inv);
        parameters["max_total_tokens"] = flux.MaxTotalTokens?.ToString(inv) ?? "";
        parameters["flux_timeout_s"] = flux.Timeout?.TotalSeconds.ToString(inv) ?? "";
        parameters["temperature"] = SamplingOptions.Text(flux.Temperature);
        parameters["top_p"] = SamplingOptions.Text(flux.TopP);
        return parameters;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var session in _sessions) session.Dispose();
        _sessions.Clear();
    }

    private static ISolver Create(SolverHost host, int index)
    {
        var s = host.Settings;
        return s.Kind switch
        {
            SolverKind.Direct => new DirectSolver(host.Inference!, s.EffectiveDirect with { Seed = SamplingOptions.SeedFor(s.EffectiveDirect.Seed, index) }),
            SolverKind.Flux => new FluxSolver(host.Navigator!, host.Inference!, host.Index!, s.EffectiveFlux with { Seed = SamplingOptions.SeedFor(s.EffectiveFlux.Seed, index) }),
            _ => throw new InvalidOperationException($"{s.Kind} has no model-backed solver"),
        };
    }

    /// <summary>One client over every endpoint (least outstanding requests), or the model as named.</summary>
    private static async Task<(IChatClient Client, string ModelId)> OpenInferenceAsync(SolverSettings settings, IProgress<DownloadProgress>? downloads, List<ModelSession> sessions, CancellationToken ct)
    {
        if (settings.Endpoints.Count == 0)
        {
            var session = await ModelLoader.OpenAsync(settings.Model, downloads, Wrap(settings), ct).ConfigureAwait(false);
            sessions.Add(session);
            return (session.Client, session.ModelId);
        }
        var backends = new List<IChatClient>();
        foreach (var endpoint in settings.Endpoints)
        {
            // Declared once around the balanced client below, not per backend.
            var session = await ModelLoader.OpenAsync(settings.Model with { Endpoint = endpoint, Local = settings.Model.Local with { ChatFormat = null } }, null, null, ct).ConfigureAwait(false);
            sessions.Add(session);
            backends.Add(session.Client);
        }
        IChatClient client = backends.Count == 1 ? backends[0] : new LeastOutstandingChatClient(backends);
        if (settings.Model.Local.ChatFormat is { } declared) client = new DeclaredFormatChatClient(client, declared);
        return (ChatPipeline.Wrap(client, settings.CallPolicy), settings.Model.Model!);
    }

    /// <summary>The navigator's spec, or null when the inference model navigates. A server model name defaults to the inference server.</summary>
    private static ModelSpec? NavigatorSpec(SolverSettings settings)
    {
        if (settings.NavigatorModel is not { } model) return null;
        var inferenceEndpoint = settings.Model.Endpoint ?? (settings.Endpoints.Count > 0 ? settings.Endpoints[0] : null);
        var local = model.StartsWith("hf:", StringComparison.Ordinal) || model.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase);
        return settings.Model with { Model = model, Endpoint = settings.NavigatorEndpoint ?? (local ? null : inferenceEndpoint) };
    }

    private static Func<IChatClient, IChatClient> Wrap(SolverSettings settings) =>
        client => ChatPipeline.Wrap(client, settings.CallPolicy);
}
