using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Reasoning.Hosting;

namespace ReasonFlux.Evaluation;

/// <summary>What an eval run is: the benchmark, the solver, how it runs, and where it is stored.</summary>
public sealed record EvalPlan
{
    /// <summary>A built-in benchmark name (<see cref="BenchmarkCatalog.Names"/>, <c>gpqa-diamond</c>) or a JSONL/CSV path.</summary>
    public required string Benchmark { get; init; }

    /// <summary>The run folder (results.db, summary.json).</summary>
    public required string RunDir { get; init; }

    /// <summary>The solver and its models. <see cref="SolverKind.Reference"/> answers from the benchmark itself.</summary>
    public SolverSettings Solver { get; init; } = new();

    /// <summary>Samples, concurrency, limit and per-sample timeout.</summary>
    public EvalRunOptions Run { get; init; } = new();

    /// <summary>Continue the run in <see cref="RunDir"/> (done samples are kept, failed ones redone) instead of refusing it.</summary>
    public bool Resume { get; init; }

    /// <summary>A local file to read instead of the cache or a download (required for GPQA-Diamond).</summary>
    public string? DataPath { get; init; }

    /// <summary>Download a built-in benchmark from here instead of its public origin (the checksum still applies).</summary>
    public Uri? DataUrl { get; init; }

    /// <summary>JSONL field holding the problem. Null: <c>problem</c>.</summary>
    public string? FieldProblem { get; init; }

    /// <summary>JSONL field holding the gold answer. Null: <c>answer</c>.</summary>
    public string? FieldAnswer { get; init; }

    /// <summary>The HTTP client for benchmark downloads. Null: a new one.</summary>
    public HttpClient? Http { get; init; }

    /// <summary>Where the benchmark comes from, as the loader takes it (cache root shared with the models).</summary>
    public BenchmarkSourceOptions SourceOptions() => new()
    {
        DataPath = DataPath,
        SourceUrl = DataUrl,
        CacheDir = Solver.CacheDir,
        Fields = FieldProblem is null && FieldAnswer is null ? null
            : JsonlFields.Default with { Problem = FieldProblem ?? "problem", Answer = FieldAnswer ?? "answer" },
        Http = Http,
    };
}
