using ReasonFlux.ModelCalls;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using ReasonFlux.Grading;
using ReasonFlux.Models.Formats;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Reasoning.Direct;

/// <summary>
/// ReasonFlux-F1 mode: one long chain-of-thought call per sample, with optional s1-style budget forcing
/// (cap thinking and force the answer; replace an early end of thinking with "Wait") and a majority vote over samples,
/// where answers the grader finds equivalent (1/2 and 0.5) count as one. Every call goes through a
/// <see cref="RecordingChatClient"/> into the solve's <see cref="TraceRecorder"/>: the usage and the trace (mode <c>direct</c>) come from it.
/// </summary>
public sealed class DirectSolver : ISolver
{
    private readonly IChatClient _client;
    private readonly DirectSolverOptions _options;
    private readonly bool _startsInThinking;

    /// <summary>Creates a solver over any chat client; validates the options.</summary>
    public DirectSolver(IChatClient client, DirectSolverOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? new DirectSolverOptions();
        _options.Validate();
        _startsInThinking = _options.StartsInThinking ?? client.GetService<ChatFormat>()?.OpensThinking ?? false;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SolveUpdate> SolveStreamingAsync(SolveRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var recorder = request.Trace ?? new TraceRecorder();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var samples = new List<SampleResult>(_options.Samples);
        var model = _client.GetService<ChatClientMetadata>()?.DefaultModelId ?? "unknown";
        for (var i = 0; i < _options.Samples; i++)
        {
            if (_options.Samples > 1) yield return new SolveUpdate(SolveUpdateKind.Status, $"sample {i + 1}/{_options.Samples}", i);
            var run = new SampleRun(i, _startsInThinking, _options.ThinkingEndMarker, request.AnswerKind == AnswerKind.Auto ? _options.AnswerKind : request.AnswerKind);
            var trace = recorder.StartSample(i);
            var updates = RunSampleAsync(request, run, recorder.Calls, cancellationToken).GetAsyncEnumerator(cancellationToken);
            await using (updates.ConfigureAwait(false))
            {
                while (true)
                {
                    try
                    {
                        if (!await updates.MoveNextAsync().ConfigureAwait(false)) break;
                    }
                    catch (Exception ex)
                    {
                        // The trace keeps the calls made up to the failure, as a flux trace does.
                        trace.Outcome = cancellationToken.IsCancellationRequested ? SampleOutcome.Cancelled : SampleOutcome.Failed;
                        trace.Note = ex.Message;
                        trace.FinalText = run.Text;
                        recorder.Complete(Trace(request, started, clock, null, 0, recorder) with { Error = ex.Message });
                        throw;
                    }
                    yield return updates.Current;
                }
            }
            model = run.Model ?? model;
            run.Usage = RecordedUsage.Of(recorder.Calls.TotalsFor(i));
            var result = run.ToResult();
            (trace.Answer, trace.FinalText) = (result.Answer, result.Text);
            samples.Add(result);
        }
        var winner = MajorityVote.Winner(samples);
        var best = samples[winner];
        var solveTrace = Trace(request, started, clock, best.Answer, winner, recorder);
        recorder.Complete(solveTrace);
        var solution = new Solution(best.Answer, best.Text, best.Thinking, RecordedUsage.Of(recorder.Calls.Totals), clock.Elapsed, model, samples) { Trace = solveTrace };
        yield return new SolveUpdate(SolveUpdateKind.Completed, "", winner, solution);
    }

    private static SolveTrace Trace(SolveRequest request, DateTimeOffset started, Stopwatch clock, string? answer, int winner, TraceRecorder recorder)
    {
        var usage = recorder.Calls.Totals;
        return new SolveTrace(SolveTrace.CurrentFormat, "direct", request.Problem, started, clock.Elapsed.TotalMilliseconds, answer, "majority", winner,
            usage.PromptTokens, usage.CompletionTokens, recorder.Samples());
    }

    private async IAsyncEnumerable<SolveUpdate> RunSampleAsync(SolveRequest request, SampleRun run, ModelCallRecorder calls, [EnumeratorCancellation] CancellationToken ct)
    {
        var messages = BuildMessages(request);
        if (_options.ThinkingBudget is null && _options.MinThinking is null)
        {
            await foreach (var u in CallAsync(request, messages, run, calls, _options.MaxTokens, stop: null, phase: null, ct).ConfigureAwait(false)) yield return u;
            yield break;
        }

        // Budget forcing. Thinking is generated in pieces that stop at the end-of-thinking marker; each piece is
        // continued from the text so far (an assistant prefill), so the model never sees our edits as a new turn.
        var budget = _options.ThinkingBudget ?? _options.MaxTokens;
        var forced = false;
        while (true)
        {
            await foreach (var u in CallAsync(request, messages, run, calls, budget - run.ThinkingTokens, [_options.ThinkingEndMarker], SolveUpdateKind.Thinking, ct).ConfigureAwait(false))
                yield return u;
            run.ThinkingTokens += run.LastCompletionTokens;
            if (run.LastFinish == ChatFinishReason.Length || run.ThinkingTokens >= budget)
            {
                forced = true;
                break;
            }
            if (run.ThinkingTokens >= (_options.MinThinking ?? 0)) break;
            run.Append(_options.WaitText);
            yield return new SolveUpdate(SolveUpdateKind.Thinking, _options.WaitText, run.Index);
        }

        var left = _options.MaxTokens - run.ThinkingTokens;
        if (left <= 0)
        {
            // Thinking used the whole output cap (no separate thinking budget): nothing is left for an answer.
            run.Truncated = true;
            yield break;
        }
        var close = forced ? PromptTemplates.Fill(PromptTemplates.Get("direct.force-answer"), ("marker", _options.ThinkingEndMarker)) : _options.ThinkingEndMarker + "\n\n";
        run.Append(close);
        yield return new SolveUpdate(forced ? SolveUpdateKind.Status : SolveUpdateKind.Thinking, close, run.Index);
        await foreach (var u in CallAsync(request, messages, run, calls, left, stop: null, SolveUpdateKind.Answer, ct).ConfigureAwait(false))
            yield return u;
    }

    private List<ChatMessage> BuildMessages(SolveRequest request)
    {
        var instruction = _options.Instruction ?? PromptTemplates.Get("direct.instruction");
        var messages = new List<ChatMessage>();
        if (_options.SystemPrompt is { Length: > 0 } system) messages.Add(new ChatMessage(ChatRole.System, system));
        messages.Add(new ChatMessage(ChatRole.User, PromptTemplates.Fill(instruction, ("problem", request.Problem)).Trim()));
        return messages;
    }

    /// <summary>One model call that continues the sample's text so far; streams its text with the given kind (null: classify by the thinking marker).</summary>
    private async IAsyncEnumerable<SolveUpdate> CallAsync(
        SolveRequest solve, List<ChatMessage> messages, SampleRun run, ModelCallRecorder calls, int maxTokens, IList<string>? stop, SolveUpdateKind? phase, [EnumeratorCancellation] CancellationToken ct)
    {
        var request = run.Text.Length == 0 ? messages : [.. messages, new ChatMessage(ChatRole.Assistant, run.Text)];
        var options = new ChatOptions
        {
            MaxOutputTokens = Math.Max(1, maxTokens),
            Temperature = _options.Temperature,
            TopP = _options.TopP,
            Seed = _options.Sampling.ForSample(run.Index).Seed,
            StopSequences = stop,
        };
        run.LastFinish = null;
        var purpose = phase switch { SolveUpdateKind.Thinking => "think", SolveUpdateKind.Answer => "answer", _ => "solve" };
        var client = new RecordingChatClient(_client, calls, new ModelCallLabel(purpose, run.Index));
        if (solve.StreamText)
        {
            await foreach (var update in client.GetStreamingResponseAsync(request, options, ct).ConfigureAwait(false))
            {
                run.Model ??= update.ModelId;
                if (update.FinishReason is { } finish) run.LastFinish = finish;
                var text = update.Text;
                if (text.Length == 0) continue;
                var kind = phase ?? run.ClassifyNext(text);
                run.Append(text);
                yield return new SolveUpdate(kind, text, run.Index);
            }
        }
        else
        {
            var response = await client.GetResponseAsync(request, options, ct).ConfigureAwait(false);
            run.Model ??= response.ModelId;
            run.LastFinish = response.FinishReason;
            var text = response.Text;
            if (text.Length > 0)
            {
                var kind = phase ?? run.ClassifyNext(text);
                run.Append(text);
                yield return new SolveUpdate(kind, text, run.Index);
            }
        }
        // The stream has ended, so its record is in: the budget counts what this piece generated.
        run.LastCompletionTokens = (int)calls.ForSample(run.Index)[^1].OutputTokens;
        if (run.LastFinish == ChatFinishReason.Length && phase != SolveUpdateKind.Thinking) run.Truncated = true;
    }
}
