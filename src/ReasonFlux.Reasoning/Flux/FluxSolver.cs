using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using ReasonFlux.Models.Formats;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Reasoning.Traces;
using ReasonFlux.Templates;

namespace ReasonFlux.Reasoning.Flux;

/// <summary>
/// ReasonFlux-Zero mode: a navigator model plans a trajectory of steps and names a thought template; the template is
/// retrieved from the library; the navigator adapts the plan to it and, as a tutor, instructs the inference model step by
/// step, reviewing each result (continue, redo, re-plan); a last call writes the answer in <c>\boxed{}</c>.
/// Unreadable navigator output gets one repair request and then falls back to direct solving; token and time budgets
/// end the solve early with the best answer so far. Every call is recorded in a <see cref="TraceRecorder"/>.
/// </summary>
public sealed class FluxSolver : ISolver
{
    private readonly IChatClient _navigator;
    private readonly IChatClient _inference;
    private readonly ITemplateIndex _index;
    private readonly FluxSolverOptions _options;
    private readonly bool _startsInThinking;

    /// <summary>Creates a solver; <paramref name="navigator"/> and <paramref name="inference"/> may be the same client.</summary>
    public FluxSolver(IChatClient navigator, IChatClient inference, ITemplateIndex index, FluxSolverOptions? options = null)
    {
        _navigator = navigator ?? throw new ArgumentNullException(nameof(navigator));
        _inference = inference ?? throw new ArgumentNullException(nameof(inference));
        _index = index ?? throw new ArgumentNullException(nameof(index));
        _options = options ?? new FluxSolverOptions();
        _options.Validate();
        _startsInThinking = _options.InferenceStartsInThinking ?? inference.GetService<ChatFormat>()?.OpensThinking ?? false;
    }

    /// <inheritdoc />
    public IAsyncEnumerable<SolveUpdate> SolveStreamingAsync(SolveRequest request, CancellationToken cancellationToken = default) =>
        SolveStreamingAsync(request, request?.Trace ?? new TraceRecorder(), cancellationToken);

    /// <summary>
    /// Solves and records the trace in <paramref name="recorder"/>. Its <see cref="TraceRecorder.Trace"/> is set at the end, also when
    /// the solve fails or is cancelled (then with <see cref="SolveTrace.Error"/> and the work done so far).
    /// </summary>
    public async IAsyncEnumerable<SolveUpdate> SolveStreamingAsync(SolveRequest request, TraceRecorder recorder, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(recorder);
        var updates = Channel.CreateUnbounded<SolveUpdate>(new UnboundedChannelOptions { SingleReader = true });
        // A reader that is cancelled or stops early stops the solve too, and waits for it, so the trace is complete on return.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = RunAsync(request, recorder, u => updates.Writer.TryWrite(u), updates.Writer, stop.Token);
        try
        {
            await foreach (var update in updates.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) yield return update;
            var (solution, winner) = await run.ConfigureAwait(false);
            yield return new SolveUpdate(SolveUpdateKind.Completed, "", winner, solution);
        }
        finally
        {
            if (!run.IsCompleted)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                await ((Task)run).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task<(Solution, int)> RunAsync(SolveRequest request, TraceRecorder recorder, Action<SolveUpdate> report, ChannelWriter<SolveUpdate> writer, CancellationToken ct)
    {
        // Let the reader start before any work is done, so updates stream from the first call on.
        await Task.Yield();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var context = new FluxContext(_navigator, _inference, _index, _options, _startsInThinking, recorder.Calls);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            if (_options.Timeout is { } timeout) limit.CancelAfter(timeout);
            var samples = new List<SampleResult>(_options.Samples);
            for (var i = 0; i < _options.Samples; i++)
            {
                ct.ThrowIfCancellationRequested();
                if (i > 0 && (limit.IsCancellationRequested || context.Budget.Remaining <= 0)) break;
                if (_options.Samples > 1) report(new SolveUpdate(SolveUpdateKind.Status, $"trajectory {i + 1}/{_options.Samples}", i));
                var run = new FluxRun(context, recorder.StartSample(i), report, request.AnswerKind, request.StreamText);
                samples.Add(await run.RunAsync(request.Problem, ct, limit.Token).ConfigureAwait(false));
            }

            var traces = recorder.Samples();
            var winner = Select(samples, traces);
            var best = samples[winner];
            var model = context.InferenceModel ?? _inference.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown";
            var solution = new Solution(best.Answer, best.Text, best.Thinking, context.Budget.Spent, clock.Elapsed, model, samples);
            var trace = Trace(request, started, clock, context, best.Answer, winner, traces);
            recorder.Complete(trace);
            return (solution with { Trace = trace }, winner);
        }
        catch (Exception ex)
        {
            recorder.Complete(Trace(request, started, clock, context, null, 0, recorder.Samples()) with { Error = ex.Message });
            throw;
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private SolveTrace Trace(SolveRequest request, DateTimeOffset started, Stopwatch clock, FluxContext context, string? answer, int winner, IReadOnlyList<SampleTrace> traces) =>
        new(SolveTrace.CurrentFormat, "flux", request.Problem, started, clock.Elapsed.TotalMilliseconds, answer,
            _options.Selection == SampleSelection.Review ? "review" : "majority", winner, context.Budget.Spent.PromptTokens, context.Budget.Spent.CompletionTokens, traces);

    private int Select(List<SampleResult> samples, IReadOnlyList<SampleTrace> traces)
    {
        if (_options.Selection == SampleSelection.Majority) return MajorityVote.Winner(samples);
        var best = 0;
        for (var i = 1; i < samples.Count; i++)
        {
            if (Rank(i).CompareTo(Rank(best)) > 0) best = i;
        }
        return best;

        // A sample with an answer beats one without; then the higher mean review score wins; ties keep the earlier sample.
        (int, double) Rank(int i) => (samples[i].Answer is null ? 0 : 1, traces[i].ReviewScore ?? -1);
    }
}
