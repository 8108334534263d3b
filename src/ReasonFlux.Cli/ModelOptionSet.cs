using System.CommandLine;
using ReasonFlux.Models;
using ReasonFlux.Models.Hub;
using ReasonFlux.Models.Formats;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Reasoning.Hosting;

namespace ReasonFlux.Cli;

/// <summary>The model options every model-using command takes (solve, eval, serve), and the <see cref="ModelSpec"/> they make.</summary>
internal sealed class ModelOptionSet
{
    public Option<string?> Model { get; } = new("--model", "-m")
    {
        Description = "GGUF file, hf:OWNER/REPO/FILE.gguf, or with --endpoint the server's model name. Default: " + DefaultModel.File.RepoId + " (" + DefaultModel.File.File + "), downloaded on first use.",
    };

    public Option<string?> Endpoint { get; } = new("--endpoint") { Description = "Base URL of an OpenAI-compatible server (vLLM, SGLang, llama.cpp, Ollama, OpenAI), e.g. http://127.0.0.1:8000/v1." };
    public Option<string?> ApiKey { get; } = new("--api-key") { Description = "API key for --endpoint (default: $OPENAI_API_KEY)." };
    public Option<int?> ContextSize { get; } = new("--ctx-size") { Description = "Context window of an in-process model (default: the model's, at most 32768)." };
    public Option<int?> Threads { get; } = new("--threads") { Description = "CPU threads for an in-process model (default: 1 for models under 64 MiB, else the physical cores)." };
    public Option<int?> Parallel { get; } = new("--parallel") { Description = "Requests an in-process model decodes together in one batch (default 8; fewer when --ctx-size is over 4096)." };
    public Option<int> GpuLayers { get; } = new("--gpu-layers") { Description = "Layers to offload to a GPU, for LLamaSharp backends that have one (default 0)." };
    public Option<string?> ChatFormat { get; } = ChoiceOf(new Option<string?>("--chat-format") { Description = "Prompt format: r1-distill, chatml or raw (default: the GGUF's own template)." }, [.. Models.Formats.ChatFormat.Names, "r1"]);
    public Option<string?> CacheDir { get; } = new("--cache-dir") { Description = "Cache folder for downloads (default: $REASONFLUX_CACHE or the user cache folder)." };
    public Option<string?> HubUrl { get; } = new("--hub-url") { Description = "Hugging Face hub base URL (default: $REASONFLUX_HUB_URL or https://huggingface.co)." };
    public Option<int> Retries { get; } = new("--retries") { Description = "Attempts per model call on 429/5xx/timeouts (default 4).", DefaultValueFactory = _ => 4 };
    public Option<int> Concurrency { get; } = new("--max-concurrency") { Description = "Most model calls in flight at once (default 8).", DefaultValueFactory = _ => 8 };

    private static Option<string?> ChoiceOf(Option<string?> option, string[] choices)
    {
        option.AcceptOnlyFromAmong(choices);
        return option;
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Model, Endpoint, ApiKey, ContextSize, Threads, Parallel, GpuLayers, ChatFormat, CacheDir, HubUrl, Retries, Concurrency })
            command.Options.Add(option);
    }

    /// <summary>Reads the options; throws <see cref="UsageException"/> for values out of range.</summary>
    public ModelSpec ToSpec(ParseResult parse)
    {
        Uri? endpoint = null;
        if (parse.GetValue(Endpoint) is { } url && !Uri.TryCreate(url, UriKind.Absolute, out endpoint))
            throw new UsageException($"--endpoint '{url}' is not an absolute URL; expected e.g. http://127.0.0.1:8000/v1");
        var model = parse.GetValue(Model);
        if (endpoint is not null && string.IsNullOrWhiteSpace(model))
            throw new UsageException("--endpoint needs --model NAME (the model name the server serves)");
        if (parse.GetValue(ContextSize) is < 16) throw new UsageException("--ctx-size must be at least 16");
        if (parse.GetValue(Threads) is < 1) throw new UsageException("--threads must be at least 1");
        if (parse.GetValue(Parallel) is < 1 or > 256) throw new UsageException("--parallel must be between 1 and 256");
        if (parse.GetValue(GpuLayers) < 0) throw new UsageException("--gpu-layers must be 0 or more");
        if (parse.GetValue(Retries) < 1) throw new UsageException("--retries must be at least 1");
        if (parse.GetValue(Concurrency) < 1) throw new UsageException("--max-concurrency must be at least 1");
        var format = parse.GetValue(ChatFormat) is { } name ? Models.Formats.ChatFormat.Parse(name) : null;
        return new ModelSpec
        {
            Model = model,
            Endpoint = endpoint,
            ApiKey = parse.GetValue(ApiKey),
            Local = new GgufModelOptions
            {
                ContextSize = parse.GetValue(ContextSize),
                Threads = parse.GetValue(Threads),
                ParallelSequences = parse.GetValue(Parallel),
                GpuLayers = parse.GetValue(GpuLayers),
                ChatFormat = format,
            },
            Hub = HubOptions.Resolve(parse.GetValue(CacheDir), parse.GetValue(HubUrl)),
        };
    }

    /// <summary>The solver settings these options make: the model, the cache root and the call policy.</summary>
    /// <param name="parse">The parse result.</param>
    /// <param name="kind">The solver.</param>
    /// <param name="runConcurrency">Samples a run solves at once; the call limit is raised to it unless --max-concurrency was given.</param>
    public SolverSettings ToSettings(ParseResult parse, SolverKind kind, int? runConcurrency = null) => new()
    {
        Kind = kind,
        Model = ToSpec(parse),
        CacheDir = parse.GetValue(CacheDir),
        CallPolicy = CallPolicy(parse, runConcurrency),
    };

    /// <summary>Retries and a concurrency limit for model calls.</summary>
    public ModelCallPolicy CallPolicy(ParseResult parse, int? runConcurrency = null)
    {
        // The limit must not throttle a run below its own --concurrency unless the user asked for a lower one.
        var limit = parse.GetValue(Concurrency);
        if (runConcurrency is { } run && parse.GetResult(Concurrency) is not { Implicit: false }) limit = Math.Max(run, limit);
        return new ModelCallPolicy { Retry = new ModelRetryOptions { MaxAttempts = parse.GetValue(Retries) }, MaxConcurrency = limit };
    }
}
