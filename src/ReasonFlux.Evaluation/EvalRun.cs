using System.Globalization;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Metrics;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Models.Hub;
using ReasonFlux.Reasoning.Hosting;

namespace ReasonFlux.Evaluation;

/// <summary>
/// An opened eval run: the benchmark loaded, the solver host opened, the manifest built from the plan and the store
/// created (or, on resume, checked against it). <see cref="RunAsync"/> solves what is left and writes the summary.
/// </summary>
public sealed class EvalRun : IDisposable
{
    private readonly SolverHost _host;
    private readonly EvalRunOptions _options;

    private EvalRun(EvalPlan plan, Benchmark benchmark, IReadOnlyList<BenchmarkProblem> problems, SolverHost host, ResultStore store)
    {
        Plan = plan;
        Benchmark = benchmark;
        Problems = problems;
        _host = host;
        _options = plan.Run;
        Store = store;
    }

    /// <summary>The plan it was opened with.</summary>
    public EvalPlan Plan { get; }

    /// <summary>The whole benchmark.</summary>
    public Benchmark Benchmark { get; }

    /// <summary>The problems of this run: the benchmark after <see cref="EvalRunOptions.Limit"/>.</summary>
    public IReadOnlyList<BenchmarkProblem> Problems { get; }

    /// <summary>The run's store.</summary>
    public ResultStore Store { get; }

    /// <summary>What the run is, as stored in results.db and compared on resume.</summary>
    public RunManifest Manifest => Store.Manifest;

    /// <summary>
    /// Loads the benchmark, opens the solver's models and the run folder. A new folder gets a new run; an existing one is
    /// continued only with <see cref="EvalPlan.Resume"/> and only when its manifest matches this plan's.
    /// </summary>
    /// <exception cref="ArgumentException">The plan is invalid, or the benchmark name is unknown.</exception>
    /// <exception cref="RunConflictException">The folder holds a run and resume was not asked for, or its settings differ.</exception>
    public static async Task<EvalRun> OpenAsync(EvalPlan plan, IProgress<DownloadProgress>? downloads = null, IProgress<string>? notices = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Run.Validate();
        plan.Solver.Validate();
        var benchmark = await BenchmarkSource.LoadAsync(plan.Benchmark, plan.SourceOptions(), notices, cancellationToken).ConfigureAwait(false);
        var problems = benchmark.Take(plan.Run.Limit);
        var host = plan.Solver.Kind == SolverKind.Reference
            ? SolverHost.ForSolver(new ReferenceSolver(benchmark), plan.Solver)
            : await SolverHost.OpenAsync(plan.Solver, downloads, cancellationToken).ConfigureAwait(false);
        try
        {
            var store = Open(Path.GetFullPath(plan.RunDir), ManifestFor(plan, benchmark, host), problems, plan.Resume);
            return new EvalRun(plan, benchmark, problems, host, store);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Solves every (problem, sample) not yet stored, then computes and writes <c>summary.json</c>.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; every sample finished before that is stored.</exception>
    public Task<EvalSummary> RunAsync(IProgress<EvalProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new EvalRunner(_host.ForSample, _options).RunAsync(Problems, Store, progress, cancellationToken);

    /// <summary>The manifest a plan makes: benchmark, solver, model, k, and every setting that changes results.</summary>
    public static RunManifest ManifestFor(EvalPlan plan, Benchmark benchmark, SolverHost host)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentNullException.ThrowIfNull(host);
        var parameters = new Dictionary<string, string>(host.Describe(), StringComparer.Ordinal)
        {
            ["limit"] = plan.Run.Limit?.ToString(CultureInfo.InvariantCulture) ?? "",
            [RunManifest.BenchmarkProblemsKey] = benchmark.Problems.Count.ToString(CultureInfo.InvariantCulture),
            ["field_problem"] = plan.FieldProblem ?? "",
            ["field_answer"] = plan.FieldAnswer ?? "",
        };
        return RunManifest.Create(benchmark.Name, benchmark.Sha256, plan.Solver.Kind.Name(), host.ModelId, plan.Run.Samples, parameters);
    }

    /// <summary>
    /// Opens the store of <paramref name="runDir"/>: a new run, or with <paramref name="resume"/> the existing one after
    /// checking that it was started with the same settings (a fresh run when there is none yet).
    /// </summary>
    /// <exception cref="RunConflictException">The folder holds a run and <paramref name="resume"/> is false, or its settings differ.</exception>
    public static ResultStore Open(string runDir, RunManifest manifest, IReadOnlyList<BenchmarkProblem> problems, bool resume)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(problems);
        if (File.Exists(runDir)) throw new RunConflictException(runDir, StoreConflict.NotAFolder);
        // A folder whose creation was killed holds nothing: it is started again rather than refused or resumed.
        ResultStore.DeleteHalfMade(runDir);
        if (!ResultStore.Exists(runDir))
            return ResultStore.Create(runDir, manifest, problems.Select((p, i) => new RunProblem(i, p.Id, p.Problem, p.Answer, p.Subject, p.Level, p.Kind)));
        if (!resume) throw new RunConflictException(runDir, StoreConflict.AlreadyExists);
        var store = ResultStore.Open(runDir);
        var differences = store.Manifest.DifferencesFrom(manifest);
        if (differences.Count == 0) return store;
        store.Dispose();
        throw new RunConflictException(runDir, StoreConflict.OtherSettings, differences);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Store.Dispose();
        _host.Dispose();
    }
}
