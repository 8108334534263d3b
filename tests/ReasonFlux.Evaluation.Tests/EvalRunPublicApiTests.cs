using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Models;
using ReasonFlux.Reasoning.Hosting;
using ReasonFlux.Tests;

namespace ReasonFlux.Evaluation.Tests;

/// <summary>An eval run assembled, run and resumed through the public API alone (plan → EvalRun), as the CLI does.</summary>
[Collection(nameof(RunsAlone))]
public sealed class EvalRunPublicApiTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-eval-plan-").FullName;
    private readonly Benchmark _aime25 = BenchmarkLoader.Load(BenchmarkCatalog.Find("aime25")!, SharedData.Path("benchmarks/aime25.jsonl"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private EvalPlan Plan(SolverSettings solver, EvalRunOptions run, bool resume = false) => new()
    {
        Benchmark = "aime25",
        DataPath = SharedData.Path("benchmarks/aime25.jsonl"),
        RunDir = _dir,
        Solver = solver,
        Run = run,
        Resume = resume,
    };

    private static async Task<Metrics.EvalSummary> RunAsync(EvalPlan plan)
    {
        using var run = await EvalRun.OpenAsync(plan, cancellationToken: TestContext.Current.CancellationToken);
        return await run.RunAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    private static SolverSettings Served(SolverKind kind, Uri endpoint) => new()
    {
        Kind = kind,
        Model = new ModelSpec { Model = "m" },
        Endpoints = [endpoint],
        Sampling = new() { Seed = 7, MaxTokens = 64 },
    };

    [Fact]
    public async Task Reference_run_scores_the_limited_problems_and_records_its_plan_in_the_manifest()
    {
        var summary = await RunAsync(Plan(new SolverSettings { Kind = SolverKind.Reference }, new EvalRunOptions { Limit = 6, Concurrency = 2 }));

        using var store = Storage.ResultStore.Open(_dir);
        Assert.Equal((6, 6, "reference", ""), (summary.Problems, store.ReadSamples().Count, store.Manifest.Solver, store.Manifest.Model));
        Assert.Equal("6", store.Manifest.Parameters["limit"]);
    }

    [Fact]
    public async Task Resume_with_the_same_plan_keeps_done_samples_and_another_plan_is_refused()
    {
        var plan = Plan(new SolverSettings { Kind = SolverKind.Reference }, new EvalRunOptions { Limit = 3 });
        var first = await RunAsync(plan);

        var resumed = await RunAsync(plan with { Resume = true });
        var conflict = await Assert.ThrowsAsync<RunConflictException>(() => RunAsync(plan with { Resume = true, Run = new EvalRunOptions { Limit = 4 } }));

        Assert.Equal(first.Pass1, resumed.Pass1);
        Assert.Contains("limit: 3 → 4", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Direct_run_over_a_server_gives_sample_i_the_seed_plus_i_and_resumes_a_timed_out_sample()
    {
        var stuck = _aime25.Problems[0];
        var slow = 1;
        await using var server = AnsweringServer.Start(_aime25.Problems, p => p == stuck && Volatile.Read(ref slow) == 1 ? TimeSpan.FromMinutes(2) : TimeSpan.Zero);
        var plan = Plan(Served(SolverKind.Direct, server.BaseUri), new EvalRunOptions { Limit = 2, Samples = 2, Concurrency = 4, SampleTimeout = TimeSpan.FromSeconds(2) });

        var first = await RunAsync(plan);
        Volatile.Write(ref slow, 0);
        var resumed = await RunAsync(plan with { Resume = true });

        Assert.Equal((2, 1.0), (first.Errors, Math.Round(resumed.Pass1, 9)));
        var seeds = server.Requests.Select(r => r.JsonObject["seed"]!.GetValue<long>()).Distinct().Order();
        Assert.Equal([7L, 8L], seeds);
    }

    [Fact]
    public async Task Direct_run_of_210_samples_at_concurrency_4_asks_for_whole_replies_over_at_most_4_connections()
    {
        await using var server = AnsweringServer.Start(_aime25.Problems, _ => TimeSpan.FromMilliseconds(2));

        var summary = await RunAsync(Plan(Served(SolverKind.Direct, server.BaseUri), new EvalRunOptions { Samples = 7, Concurrency = 4 }));

        Assert.Equal((210, 1.0), (server.Requests.Count, Math.Round(summary.Pass1, 9)));
        Assert.DoesNotContain(server.Requests, r => r.JsonObject["stream"]?.GetValue<bool>() == true);
        Assert.InRange(server.Connections, 1, 4);
    }

    [Fact]
    public async Task Flux_run_over_a_server_records_its_settings_and_answers()
    {
        await using var server = AnsweringServer.Start(_aime25.Problems, _ => TimeSpan.Zero);

        var summary = await RunAsync(Plan(Served(SolverKind.Flux, server.BaseUri), new EvalRunOptions { Limit = 2, Concurrency = 2 }));

        using var store = Storage.ResultStore.Open(_dir);
        Assert.Equal(("flux", "64", "Hierarchical", "starter"),
            (store.Manifest.Solver, store.Manifest.Parameters["max_tokens_per_call"], store.Manifest.Parameters["retrieval"], store.Manifest.Parameters["library"]));
        Assert.Equal(1.0, summary.Pass1, 9);
    }
}
