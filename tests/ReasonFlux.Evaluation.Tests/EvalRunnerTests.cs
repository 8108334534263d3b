using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Metrics;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Tests;

namespace ReasonFlux.Evaluation.Tests;

/// <summary>The runner against a real loopback OpenAI-compatible server.</summary>
public sealed class EvalRunnerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-eval-runner-").FullName;
    private readonly Benchmark _aime25 = BenchmarkLoader.Load(BenchmarkCatalog.Find("aime25")!, SharedData.Path("benchmarks/aime25.jsonl"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(EvalSummary Summary, IReadOnlyList<SampleRecord> Samples)> RunAsync(Uri endpoint, EvalRunOptions options, bool resume = false)
    {
        using var client = OpenAIEndpoint.CreateChatClient(new OpenAIEndpointOptions { Endpoint = endpoint, Model = "m" });
        var solver = new DirectSolver(client, new DirectSolverOptions { MaxTokens = 64 });
        var manifest = RunManifest.Create("aime25", _aime25.Sha256, "direct", "m", options.Samples, new Dictionary<string, string>());
        using var store = EvalRun.Open(_dir, manifest, _aime25.Take(options.Limit), resume);
        var summary = await new EvalRunner(solver, options).RunAsync(_aime25, store, null, TestContext.Current.CancellationToken);
        return (summary, store.ReadSamples());
    }

    [Fact]
    public async Task Sample_over_the_sample_timeout_is_stored_as_a_timeout_and_the_run_finishes()
    {
        var stuck = _aime25.Problems[1];
        await using var server = AnsweringServer.Start(_aime25.Problems, p => p == stuck ? TimeSpan.FromMinutes(2) : TimeSpan.Zero);

        var (summary, samples) = await RunAsync(server.BaseUri, new EvalRunOptions { Limit = 4, Concurrency = 4, SampleTimeout = TimeSpan.FromSeconds(3) });

        Assert.Equal(1, summary.Failures[FailureKinds.Timeout]);
        Assert.Equal(1, summary.Errors);
        Assert.Equal(3, summary.Samples); // the three others completed, correct
        Assert.Equal(0.75, summary.Pass1, 9);
        var timedOut = Assert.Single(samples, s => s.ProblemId == stuck.Id);
        Assert.Equal(FailureKinds.Timeout, timedOut.Failure);
        Assert.Contains("no result within 3 s", timedOut.Error, StringComparison.Ordinal);
        // The timer and the stopwatch tick separately: the recorded latency may read a millisecond or so under 3 s.
        Assert.InRange(timedOut.LatencyMs, 2_900, 60_000);
    }

    [Fact]
    public async Task Timed_out_sample_is_redone_on_resume()
    {
        var stuck = _aime25.Problems[0];
        var slow = 1;
        await using var server = AnsweringServer.Start(_aime25.Problems, p => p == stuck && Volatile.Read(ref slow) == 1 ? TimeSpan.FromMinutes(2) : TimeSpan.Zero);
        var options = new EvalRunOptions { Limit = 2, Concurrency = 2, SampleTimeout = TimeSpan.FromSeconds(2) };
        var (first, _) = await RunAsync(server.BaseUri, options);
        Assert.Equal(1, first.Failures[FailureKinds.Timeout]);

        Volatile.Write(ref slow, 0);
        var (resumed, _) = await RunAsync(server.BaseUri, options, resume: true);

        Assert.Equal(0, resumed.Failures[FailureKinds.Timeout]);
        Assert.Equal(1.0, resumed.Pass1, 9);
        Assert.Equal(3, server.Requests.Count); // the done sample was not asked again
    }

    [Fact]
    public async Task A_failed_commit_stops_the_run_with_its_error_and_keeps_what_was_committed()
    {
        var manifest = RunManifest.Create("aime25", _aime25.Sha256, "reference", "", 1, new Dictionary<string, string>());
        var store = EvalRun.Open(_dir, manifest, _aime25.Problems, resume: false);
        var committed = 0;
        // The store closes under the run after its first committed sample, as a failing disk would: later commits fail.
        var progress = new SynchronousProgress(p =>
        {
            if (p.Done > 0 && Interlocked.Exchange(ref committed, p.Done) == 0) store.Dispose();
        });
        var runner = new EvalRunner(new ReferenceSolver(_aime25), new EvalRunOptions { Concurrency = 1 });
        await Assert.ThrowsAsync<ObjectDisposedException>(() => runner.RunAsync(_aime25, store, progress, TestContext.Current.CancellationToken));

        using var reopened = ResultStore.Open(_dir);
        var kept = reopened.ReadSamples();
        Assert.InRange(kept.Count, 1, _aime25.Problems.Count - 1);
        Assert.All(kept, s => Assert.True(s.Correct));
    }

    private sealed class SynchronousProgress(Action<EvalProgress> report) : IProgress<EvalProgress>
    {
        public void Report(EvalProgress value) => report(value);
    }
}
