using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using ReasonFlux.Evaluation;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Grading;
using ReasonFlux.Reasoning;
using ReasonFlux.Reasoning.Flux;
using ReasonFlux.Training.Datasets;

namespace ReasonFlux.Training.Pairs;

/// <summary>
/// Trajectory preference pairs for the navigator's DPO (the paper's hierarchical RL): for each problem, sample m plans
/// from the navigator with the solver's own plan prompt, let the inference model carry out each readable plan r times,
/// score a plan by the share of those solutions graded correct (an unreadable plan scores 0), and pair every plan with
/// every plan that scored strictly lower. The paper scores a trajectory on similar problems; here it is scored on the
/// problem itself. Every call is committed to two evaluation result stores (<c>OUT/trajectories</c>,
/// <c>OUT/instantiations</c>) the moment it finishes, so a killed or failed run resumes where it stopped.
/// </summary>
public sealed class PairGenerator
{
    private readonly IChatClient _navigator;
    private readonly IChatClient _inference;
    private readonly PairOptions _options;

    /// <summary>Creates a generator; <paramref name="navigator"/> and <paramref name="inference"/> may be the same client.</summary>
    public PairGenerator(IChatClient navigator, IChatClient inference, PairOptions? options = null)
    {
        _navigator = navigator ?? throw new ArgumentNullException(nameof(navigator));
        _inference = inference ?? throw new ArgumentNullException(nameof(inference));
        _options = options ?? new PairOptions();
        _options.Validate();
    }

    /// <summary>Samples, instantiates and scores what is not stored yet in <paramref name="outDir"/>, then forms the pairs.</summary>
    /// <exception cref="RunConflictException">The folder holds a run and <paramref name="resume"/> is false, or it was started with other settings.</exception>
    public async Task<PairRun> RunAsync(Benchmark benchmark, string outDir, bool resume, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        var problems = benchmark.Take(_options.Limit);
        var (m, r) = (_options.Trajectories, _options.Instantiations);
        var parameters = new Dictionary<string, string>
        {
            ["trajectories"] = m.ToString(CultureInfo.InvariantCulture),
            ["instantiations"] = r.ToString(CultureInfo.InvariantCulture),
            ["temperature"] = _options.Temperature?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["top_p"] = _options.TopP?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["max_tokens"] = _options.MaxTokens.ToString(CultureInfo.InvariantCulture),
            ["seed"] = _options.Seed?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["limit"] = _options.Limit?.ToString(CultureInfo.InvariantCulture) ?? "",
        };
        var planManifest = RunManifest.Create(benchmark.Name, benchmark.Sha256, "pairs-plan", ModelId(_navigator), m, parameters);
        var instManifest = RunManifest.Create(benchmark.Name, benchmark.Sha256, "pairs-instantiate", ModelId(_inference), r, parameters);
        var instProblems = problems.SelectMany(p => Enumerable.Range(0, m).Select(t => p with { Id = InstanceId(p.Id, t) })).ToList();
        using var plans = EvalRun.Open(Path.Combine(outDir, "trajectories"), planManifest, problems, resume);
        using var insts = EvalRun.Open(Path.Combine(outDir, "instantiations"), instManifest, instProblems, resume);
        var calls = 0;

        // Phase 1: plans.
        var donePlans = plans.CompletedKeys();
        var planWork = problems.SelectMany(p => Enumerable.Range(0, m).Select(t => (Problem: p, T: t))).Where(x => !donePlans.Contains((x.Problem.Id, x.T))).ToList();
        await ForEachAsync(planWork, async (x, ct) =>
        {
            plans.Add(await PlanAsync(x.Problem, x.T, ct).ConfigureAwait(false));
            Interlocked.Increment(ref calls);
        }, cancellationToken).ConfigureAwait(false);
        progress?.Report($"plans: {planWork.Count} sampled now, {m * problems.Count} in all");

        // Phase 2: instantiations of every readable plan.
        var planRecords = plans.ReadSamples().ToDictionary(s => (s.ProblemId, s.SampleIndex));
        var doneInsts = insts.CompletedKeys();
        var instWork = new List<(BenchmarkProblem Problem, int T, int I, Trajectory Plan)>();
        foreach (var p in problems)
        {
            for (var t = 0; t < m; t++)
            {
                if (!planRecords.TryGetValue((p.Id, t), out var rec) || rec.Error is not null || !rec.Correct) continue;
                if (TrajectoryParser.Parse(rec.Reply, out _) is not { } plan) continue;
                for (var i = 0; i < r; i++)
                    if (!doneInsts.Contains((InstanceId(p.Id, t), i))) instWork.Add((p, t, i, plan));
            }
        }
        await ForEachAsync(instWork, async (x, ct) =>
        {
            insts.Add(await InstantiateAsync(x.Problem, x.T, x.I, x.Plan, ct).ConfigureAwait(false));
            Interlocked.Increment(ref calls);
        }, cancellationToken).ConfigureAwait(false);
        progress?.Report($"instantiations: {instWork.Count} run now");

        return Score(problems, plans.ReadSamples(), insts.ReadSamples(), calls);
    }

    private PairRun Score(IReadOnlyList<BenchmarkProblem> problems, IReadOnlyList<SampleRecord> planRecords, IReadOnlyList<SampleRecord> instRecords, int calls)
    {
        var (m, r) = (_options.Trajectories, _options.Instantiations);
        var planBy = planRecords.ToDictionary(s => (s.ProblemId, s.SampleIndex));
        var instBy = instRecords.GroupBy(s => s.ProblemId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var failed = planRecords.Count(s => s.Error is not null) + instRecords.Count(s => s.Error is not null);
        var scored = new List<ScoredTrajectory>();
        var pairs = new List<PreferenceExample>();
        var incomplete = 0;
        foreach (var p in problems)
        {
            var list = new List<ScoredTrajectory>();
            for (var t = 0; t < m && list.Count == t; t++)
            {
                if (!planBy.TryGetValue((p.Id, t), out var plan) || plan.Error is not null) break;
                if (!plan.Correct)
                {
                    list.Add(new ScoredTrajectory(p.Id, t, plan.Prompt, plan.Reply, null, 0, 0));
                    continue;
                }
                var runs = instBy.GetValueOrDefault(InstanceId(p.Id, t)) ?? [];
                if (runs.Count(s => s.Error is null) < r) break;
                list.Add(new ScoredTrajectory(p.Id, t, plan.Prompt, plan.Reply, plan.Extracted, runs.Count(s => s.Correct && s.Error is null), r));
            }
            if (list.Count < m)
            {
                incomplete++;
                continue;
            }
            scored.AddRange(list);
            var ranked = list.OrderByDescending(x => x.Score).ThenBy(x => x.Index).ToList();
            for (var a = 0; a < ranked.Count; a++)
            {
                for (var b = a + 1; b < ranked.Count; b++)
                {
                    var (better, worse) = (ranked[a], ranked[b]);
                    if (better.Score - worse.Score <= _options.MinMargin || better.Score <= worse.Score) continue;
                    pairs.Add(new PreferenceExample($"{p.Id}: trajectory {better.Index} over {worse.Index}", better.Prompt, better.Reply.Trim(), worse.Reply.Trim(), better.Score, worse.Score));
                }
            }
        }
        return new PairRun(scored, pairs, calls, failed, incomplete);
    }

    private async Task<SampleRecord> PlanAsync(BenchmarkProblem problem, int t, CancellationToken ct)
    {
        var prompt = PromptTemplates.Fill(PromptTemplates.Get("flux.plan"), ("problem", problem.Problem));
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await _navigator.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], Options(t), ct).ConfigureAwait(false);
            var plan = TrajectoryParser.Parse(response.Text, out var error);
            return new SampleRecord(problem.Id, t, prompt, response.Text, plan?.Method, plan is not null, plan is not null ? "plan read" : error,
                response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0, clock.ElapsedMilliseconds, null, plan is null ? FailureKinds.NoAnswer : null);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // Stored with its error and redone on resume; one failing call must not end the run.
            return new SampleRecord(problem.Id, t, prompt, "", null, false, ex.Message, 0, 0, clock.ElapsedMilliseconds, ex.Message, FailureKinds.Error);
        }
    }

    private async Task<SampleRecord> InstantiateAsync(BenchmarkProblem problem, int t, int i, Trajectory plan, CancellationToken ct)
    {
        var steps = string.Join("\n", plan.Steps.Select((s, n) => $"{n + 1}. {s}"));
        var prompt = PromptTemplates.Fill(Prompt.Value, ("problem", problem.Problem), ("method", plan.Method.Length > 0 ? plan.Method : "(none named)"), ("steps", steps));
        var id = InstanceId(problem.Id, t);
        var clock = Stopwatch.StartNew();
        try
        {
            var seedOffset = _options.Trajectories + (t * _options.Instantiations) + i;
            var response = await _inference.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], Options(seedOffset), ct).ConfigureAwait(false);
            var verdict = Grader.Grade(problem.Answer, response.Text, problem.Kind);
            var failure = verdict.Equivalent ? null : verdict.Predicted is null ? FailureKinds.NoAnswer : FailureKinds.WrongAnswer;
            return new SampleRecord(id, i, prompt, response.Text, verdict.Predicted?.Text, verdict.Equivalent, verdict.Reason,
                response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0, clock.ElapsedMilliseconds, null, failure);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            return new SampleRecord(id, i, prompt, "", null, false, ex.Message, 0, 0, clock.ElapsedMilliseconds, ex.Message, FailureKinds.Error);
        }
    }

    private ChatOptions Options(int offset) => new()
    {
        MaxOutputTokens = _options.MaxTokens,
        Temperature = _options.Temperature,
        TopP = _options.TopP,
        Seed = _options.Seed is { } seed ? seed + offset : null,
    };

    private Task ForEachAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, ValueTask> body, CancellationToken ct) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = ct }, body);

    /// <summary>The instantiation store keys a trajectory as "problem#t".</summary>
    internal static string InstanceId(string problemId, int t) => $"{problemId}#{t.ToString(CultureInfo.InvariantCulture)}";

    private static string ModelId(IChatClient client) => client.GetService<ChatClientMetadata>()?.DefaultModelId ?? "";

    private static readonly Lazy<string> Prompt = new(() =>
    {
        var assembly = typeof(PairGenerator).Assembly;
        using var stream = assembly.GetManifestResourceStream("ReasonFlux.Training.Prompts.pairs.instantiate.md")
            ?? throw new InvalidOperationException("prompt resource 'pairs.instantiate' is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
