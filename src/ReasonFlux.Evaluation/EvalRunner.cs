using System.Diagnostics;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Metrics;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Reasoning;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Evaluation;

/// <summary>
/// Runs a benchmark: every (problem, sample) not yet in the store is solved, graded and committed as soon as it
/// finishes, up to <see cref="EvalRunOptions.Concurrency"/> at once. Then the metrics are computed from the store and
/// written to <c>RUN_DIR/summary.json</c>.
/// </summary>
public sealed class EvalRunner
{
    private readonly Func<int, ISolver> _solverForSample;
    private readonly EvalRunOptions _options;

    /// <summary>Creates a runner that asks <paramref name="solverForSample"/> for the solver of sample i (so samples can differ in seed).</summary>
    public EvalRunner(Func<int, ISolver> solverForSample, EvalRunOptions options)
    {
        _solverForSample = solverForSample ?? throw new ArgumentNullException(nameof(solverForSample));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _options.Validate();
    }

    /// <summary>Creates a runner that uses one solver for every sample.</summary>
    public EvalRunner(ISolver solver, EvalRunOptions options) : this(_ => solver, options)
    {
        ArgumentNullException.ThrowIfNull(solver);
    }

    /// <summary>Solves what is left, then computes and writes the summary.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; every sample finished before that is stored.</exception>
    public async Task<EvalSummary> RunAsync(Benchmark benchmark, ResultStore store, IProgress<EvalProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        return await RunAsync(benchmark.Take(_options.Limit), store, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Solves what is left of exactly <paramref name="problems"/> (no limit is applied), then computes and writes the summary.</summary>
    /// <exception cref="OperationCanceledException">Cancelled; every sample finished before that is stored.</exception>
    public async Task<EvalSummary> RunAsync(IReadOnlyList<BenchmarkProblem> problems, ResultStore store, IProgress<EvalProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(store);
        var done = store.CompletedKeys();
        var total = problems.Count * _options.Samples;
        var work = new List<(BenchmarkProblem Problem, int Sample)>();
        foreach (var p in problems)
            for (var s = 0; s < _options.Samples; s++)
                if (!done.Contains((p.Id, s))) work.Add((p, s));

        var correctBefore = store.ReadSamples().Count(s => s.Correct && s.Error is null);
        var state = new Tally(total - work.Count, correctBefore);
        var clock = Stopwatch.StartNew();
        progress?.Report(state.Snapshot(total, clock.Elapsed));
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var record = await SolveOneAsync(item.Problem, item.Sample, ct).ConfigureAwait(false);
                // Counted and reported only once committed; the slot waits for the (shared) commit.
                await store.AddAsync(record).ConfigureAwait(false);
                state.Add(record);
                progress?.Report(state.Snapshot(total, clock.Elapsed));
            }).ConfigureAwait(false);

        var summary = MetricsCalculator.Summarize(store.Manifest, store.ReadProblems(), store.ReadSamples());
        await SummaryFile.WriteAsync(Path.Combine(store.RunDir, SummaryFile.FileName), summary, cancellationToken).ConfigureAwait(false);
        return summary;
    }

    private async Task<SampleRecord> SolveOneAsync(BenchmarkProblem problem, int sample, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (_options.SampleTimeout is { } limit) timeout.CancelAfter(limit);
        Solution solution;
        try
        {
            solution = await _solverForSample(sample).SolveAsync(new SolveRequest(problem.Problem) { AnswerKind = problem.Kind, StreamText = false }, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed(problem, sample, clock, $"no result within {_options.SampleTimeout?.TotalSeconds:0.#} s", FailureKinds.Timeout);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // One failing sample must not stop the run: it is stored with its error and redone on --resume.
            return Failed(problem, sample, clock, ex.Message, FailureKinds.Error);
        }
        // The solver's own answer is graded (it read the reply with the problem's answer kind); it is not re-extracted here.
        var graded = SampleGrading.GradeAnswer(problem.Answer, solution.Answer, problem.Kind);
        return new SampleRecord(problem.Id, sample, problem.Problem, solution.Text, graded.Extracted, graded.Correct, graded.Verdict,
            solution.Usage.PromptTokens, solution.Usage.CompletionTokens, clock.ElapsedMilliseconds, null, graded.Failure)
        {
            Answer = solution.Answer,
            Trace = solution.Trace is { } trace ? TraceJson.Serialize(trace) : null,
        };
    }

    private static SampleRecord Failed(BenchmarkProblem problem, int sample, Stopwatch clock, string error, string kind) =>
        new(problem.Id, sample, problem.Problem, "", null, false, error, 0, 0, clock.ElapsedMilliseconds, error, kind);

    /// <summary>Counters shared by the concurrent workers.</summary>
    private sealed class Tally(int done, int correct)
    {
        private readonly Lock _gate = new();
        private int _done = done;
        private int _correct = correct;
        private int _errors;
        private int _session;
        private long _tokens;

        public void Add(SampleRecord r)
        {
            lock (_gate)
            {
                if (r.Error is null) _done++;
                _session++;
                if (r.Correct) _correct++;
                if (r.Error is not null) _errors++;
                _tokens += r.CompletionTokens;
            }
        }

        public EvalProgress Snapshot(int total, TimeSpan elapsed)
        {
            lock (_gate) return new EvalProgress(_done, total, _correct, _errors, _tokens, elapsed, _session);
        }
    }
}
