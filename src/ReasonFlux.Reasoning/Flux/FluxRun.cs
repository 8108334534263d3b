using ReasonFlux.ModelCalls;
using Microsoft.Extensions.AI;
using ReasonFlux.Grading;
using ReasonFlux.Models;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Reasoning.Traces;
using ReasonFlux.Templates;

namespace ReasonFlux.Reasoning.Flux;

/// <summary>
/// One trajectory sample: plan, retrieve, adjust, instantiate step by step with review, answer. <paramref name="streamText"/>
/// is the solve's <see cref="SolveRequest.StreamText"/>, passed on to the direct fallback.
/// </summary>
internal sealed class FluxRun(FluxContext context, SampleRecorder recorder, Action<SolveUpdate> report, AnswerKind answerKind, bool streamText)
{
    private readonly FluxSolverOptions _options = context.Options;
    private readonly List<(int Index, string Goal, string Instruction, string Solution)> _history = [];
    private readonly List<double> _scores = [];
    private ChatFinishReason? _lastFinish;

    private int Sample => recorder.Index;

    public async Task<SampleResult> RunAsync(string problem, CancellationToken userToken, CancellationToken ct)
    {
        try
        {
            return await RunCoreAsync(problem, userToken, ct).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // The trace keeps what happened up to the failure, so a failed solve can still be read.
            recorder.Outcome = userToken.IsCancellationRequested ? SampleOutcome.Cancelled : SampleOutcome.Failed;
            recorder.Note = recorder.Note is null ? ex.Message : $"{recorder.Note}; {ex.Message}";
            throw;
        }
    }

    private async Task<SampleResult> RunCoreAsync(string problem, CancellationToken userToken, CancellationToken ct)
    {
        try
        {
            var plan = await PlanAsync(problem, ct).ConfigureAwait(false);
            if (plan is null) return await FallbackAsync(problem, ct).ConfigureAwait(false);
            var template = await RetrieveMainAsync(problem, plan, ct).ConfigureAwait(false);
            var steps = await AdjustAsync(problem, plan, template, ct).ConfigureAwait(false);
            if (steps.Count > _options.MaxSteps)
            {
                steps = [.. steps.Take(_options.MaxSteps)];
                recorder.AddTrajectory(TrajectoryChange.Capped, $"capped at {_options.MaxSteps} steps", plan.WithSteps(steps));
            }
            await RunStepsAsync(problem, plan, template, steps, ct).ConfigureAwait(false);
            return await AnswerAsync(problem, ct).ConfigureAwait(false);
        }
        catch (FluxStopException stop)
        {
            return Stopped(stop.Message);
        }
        catch (Exception) when (ct.IsCancellationRequested && !userToken.IsCancellationRequested)
        {
            // Not only OperationCanceledException: some backends (the ONNX embedder) report a cancelled run as their own error.
            return Stopped($"the time limit ({_options.Timeout?.TotalSeconds:0.###} s) ran out");
        }
        catch (Exception ex) when (userToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            throw new OperationCanceledException("the solve was cancelled", ex, userToken);
        }
    }

    private async Task<Trajectory?> PlanAsync(string problem, CancellationToken ct)
    {
        report(Status("planning"));
        List<ChatMessage> messages = [new(ChatRole.User, Fill("flux.plan", ("problem", problem)))];
        var reply = await CallAsync(context.Navigator, "plan", null, messages, ct).ConfigureAwait(false);
        var plan = TrajectoryParser.Parse(reply, out var error);
        if (plan is null)
        {
            report(Status($"plan unreadable ({error}); asking again"));
            messages.Add(new ChatMessage(ChatRole.Assistant, reply));
            messages.Add(new ChatMessage(ChatRole.User, Fill("flux.repair", ("error", error))));
            try
            {
                reply = await CallAsync(context.Navigator, "repair", null, messages, ct).ConfigureAwait(false);
            }
            catch (ModelException ex) when (IsContextOverflow(ex))
            {
                // The repair prompt carries the first reply too; a model whose context cannot hold it is a limit, not a failure.
                recorder.Outcome = SampleOutcome.Fallback;
                recorder.Note = $"the repair request did not fit the navigator's context ({ex.Message}); solved directly";
                report(Status("repair request over the model's context; solving directly"));
                return null;
            }
            plan = TrajectoryParser.Parse(reply, out error);
        }
        if (plan is null)
        {
            recorder.Outcome = SampleOutcome.Fallback;
            recorder.Note = $"the navigator's plan could not be read after one repair request ({error}); solved directly";
            return null;
        }
        recorder.AddTrajectory(TrajectoryChange.Plan, "plan", plan);
        report(Status($"plan: {(plan.Method.Length > 0 ? plan.Method : "(no method named)")}, {plan.Steps.Count} steps"));
        return plan;
    }

    private async Task<ThoughtTemplate?> RetrieveMainAsync(string problem, Trajectory plan, CancellationToken ct)
    {
        IReadOnlyList<TemplateHit> hits;
        string mode, query;
        if (_options.Retrieval == RetrievalMode.Hierarchical && plan.Method.Length > 0 && plan.Category.Length > 0)
        {
            mode = "hierarchical";
            query = $"{plan.Category} | {plan.Direction} | {plan.Method}";
            hits = await context.Index.SearchHierarchicalAsync(plan.Category, plan.Direction.Length > 0 ? plan.Direction : plan.Category, plan.Method, _options.TopK, ct).ConfigureAwait(false);
        }
        else
        {
            mode = "flat";
            query = string.Join(". ", new[] { plan.Method, plan.Direction, plan.Category }.Where(s => s.Length > 0));
            if (query.Length == 0) query = problem;
            hits = await context.Index.SearchAsync(query, _options.TopK, ct).ConfigureAwait(false);
        }
        var chosen = hits.Count > 0 ? hits[0].Template : null;
        recorder.AddRetrieval(new RetrievalTrace(null, mode, query, Hits(hits), chosen?.Id));
        if (chosen is not null) report(Status($"template: {chosen.Name} ({hits[0].Score:0.000})"));
        return chosen;
    }

    private async Task<IReadOnlyList<string>> AdjustAsync(string problem, Trajectory plan, ThoughtTemplate? template, CancellationToken ct)
    {
        if (template is null) return plan.Steps;
        var prompt = Fill("flux.adjust", ("problem", problem), ("flow", TemplateText.Numbered(plan.Steps)), ("template", TemplateText.Render(template)));
        var reply = await CallAsync(context.Navigator, "adjust", null, [new(ChatRole.User, prompt)], ct).ConfigureAwait(false);
        if (StepList.Parse(reply) is not { Count: > 0 } steps)
        {
            // The plan's own flow still works; an unreadable rewrite only loses the template's polish.
            report(Status("adjusted flow unreadable; keeping the plan's steps"));
            return plan.Steps;
        }
        recorder.AddTrajectory(TrajectoryChange.AdjustedToTemplate, $"adjusted to template {template.Name}", plan.WithSteps(steps));
        return steps;
    }

    private async Task RunStepsAsync(string problem, Trajectory plan, ThoughtTemplate? template, IReadOnlyList<string> planned, CancellationToken ct)
    {
        var steps = planned.ToList();
        var searches = _options.StepTemplateMinScore is null ? null : new StepSearches(context.Index, _options.TopK, ct);
        searches?.Prefetch(steps);
        var stepTemplates = new Dictionary<int, ThoughtTemplate?>();
        var attempts = new Dictionary<int, int>();
        var revisions = 0;
        for (var i = 0; i < steps.Count;)
        {
            var n = i + 1;
            var goal = steps[i];
            var attempt = attempts[n] = attempts.GetValueOrDefault(n) + 1;
            report(Status($"step {n}/{steps.Count}{(attempt > 1 ? $" (attempt {attempt})" : "")}: {goal}"));
            if (!stepTemplates.TryGetValue(n, out var stepTemplate))
                stepTemplates[n] = stepTemplate = searches is null ? template : await RetrieveForStepAsync(searches, goal, n, template).ConfigureAwait(false);

            var instruction = await TutorAsync(problem, steps, template, stepTemplate, n, goal, ct).ConfigureAwait(false);
            var (thinking, solution) = await StudentAsync(problem, instruction, n, ct).ConfigureAwait(false);
            var verdict = _options.Review ? await ReviewAsync(problem, steps, n, goal, solution, ct).ConfigureAwait(false) : null;
            if (verdict?.Score is { } score) _scores.Add(score);
            var decision = verdict?.Decision ?? "continue";
            var reason = verdict?.Reason ?? "";
            if (decision != "continue" && revisions >= _options.MaxRevisions)
            {
                reason = $"{reason} (navigator asked to {decision}; the revision budget of {_options.MaxRevisions} is spent, continuing)".Trim();
                decision = "continue";
            }
            recorder.AddStep(new StepTrace(n, attempt, goal, stepTemplate?.Name, instruction, thinking, solution,
                verdict is null ? null : new ReviewTrace(decision, verdict.Score, reason, verdict.Parsed)));
            if (decision == "redo")
            {
                revisions++;
                continue;
            }
            _history.Add((n, goal, instruction, solution));
            if (decision == "revise")
            {
                revisions++;
                var remaining = await ReplanAsync(problem, template, steps.Skip(n).ToList(), reason, n, ct).ConfigureAwait(false);
                if (remaining is not null)
                {
                    steps = [.. steps.Take(n), .. remaining];
                    if (steps.Count > _options.MaxSteps) steps = [.. steps.Take(Math.Max(n, _options.MaxSteps))];
                    searches?.Prefetch(steps.Skip(n));
                    recorder.AddTrajectory(TrajectoryChange.Revised, $"revised after step {n}", plan.WithSteps(steps));
                }
            }
            i++;
        }
    }

    private async Task<ThoughtTemplate?> RetrieveForStepAsync(StepSearches searches, string goal, int n, ThoughtTemplate? main)
    {
        var hits = await searches.ForAsync(goal).ConfigureAwait(false);
        var chosen = hits.Count > 0 && hits[0].Score >= _options.StepTemplateMinScore ? hits[0].Template : main;
        recorder.AddRetrieval(new RetrievalTrace(n, "flat", goal, Hits(hits), chosen?.Id));
        return chosen;
    }

    private async Task<string> TutorAsync(string problem, IReadOnlyList<string> steps, ThoughtTemplate? main, ThoughtTemplate? stepTemplate, int n, string goal, CancellationToken ct)
    {
        var templates = TemplateText.Render(main);
        if (stepTemplate is not null && !ReferenceEquals(stepTemplate, main)) templates += "\n\nFor this step, also this template:\n" + TemplateText.Render(stepTemplate);
        List<ChatMessage> messages =
        [
            new(ChatRole.System, Fill("flux.tutor", ("problem", problem), ("template", templates), ("flow", TemplateText.Numbered(steps)), ("history", History()))),
            new(ChatRole.User, Fill("flux.tutor-step", ("step_number", n.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("step", goal))),
        ];
        var reply = await CallAsync(context.Navigator, "tutor", n, messages, ct).ConfigureAwait(false);
        var (_, visible) = ThinkingSplit.Split(reply, startsInThinking: false);
        return visible.Length > 0 ? visible : goal;
    }

    private async Task<(string Thinking, string Solution)> StudentAsync(string problem, string instruction, int n, CancellationToken ct)
    {
        List<ChatMessage> messages = [new(ChatRole.System, Fill("flux.student", ("problem", problem)))];
        foreach (var done in _history)
        {
            messages.Add(new ChatMessage(ChatRole.User, done.Instruction));
            messages.Add(new ChatMessage(ChatRole.Assistant, done.Solution));
        }
        messages.Add(new ChatMessage(ChatRole.User, instruction));
        var reply = await CallAsync(context.Inference, "student", n, messages, ct).ConfigureAwait(false);
        var (thinking, solution) = ThinkingSplit.Split(reply, context.InferenceStartsInThinking);
        return (thinking, solution.Length > 0 ? solution : thinking);
    }

    private async Task<ReviewVerdict> ReviewAsync(string problem, IReadOnlyList<string> steps, int n, string goal, string solution, CancellationToken ct)
    {
        var prompt = Fill("flux.review", ("problem", problem), ("flow", TemplateText.Numbered(steps)), ("history", History()),
            ("step_number", n.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("step", goal), ("result", solution));
        var reply = await CallAsync(context.Navigator, "review", n, [new(ChatRole.User, prompt)], ct).ConfigureAwait(false);
        var verdict = ReviewParser.Parse(reply);
        report(Status($"review of step {n}: {verdict.Decision}{(verdict.Score is { } s ? $" ({s:0.#}/10)" : "")}"));
        return verdict;
    }

    private async Task<IReadOnlyList<string>?> ReplanAsync(string problem, ThoughtTemplate? template, IReadOnlyList<string> remaining, string reason, int n, CancellationToken ct)
    {
        var prompt = Fill("flux.replan", ("problem", problem), ("template", TemplateText.Render(template)), ("history", History()),
            ("reason", reason.Length > 0 ? reason : "(none given)"), ("remaining", TemplateText.Numbered(remaining)));
        var reply = await CallAsync(context.Navigator, "replan", n, [new(ChatRole.User, prompt)], ct).ConfigureAwait(false);
        var steps = StepList.Parse(reply);
        report(Status(steps is null ? "re-plan unreadable; keeping the remaining steps" : $"re-planned: {steps.Count} steps to go"));
        return steps;
    }

    private async Task<SampleResult> AnswerAsync(string problem, CancellationToken ct)
    {
        report(Status("answering"));
        var prompt = Fill("flux.answer", ("problem", problem), ("history", History()));
        var reply = await CallAsync(context.Inference, "answer", null, [new(ChatRole.User, prompt)], ct).ConfigureAwait(false);
        report(new SolveUpdate(SolveUpdateKind.Answer, reply, Sample));
        var (thinking, visible) = ThinkingSplit.Split(reply, context.InferenceStartsInThinking);
        var answer = Extract(visible.Length > 0 ? visible : reply) ?? (_history.Count > 0 ? Extract(_history[^1].Solution) : null);
        return Finish(reply, thinking, visible, answer, _lastFinish == ChatFinishReason.Length);
    }

    private async Task<SampleResult> FallbackAsync(string problem, CancellationToken ct)
    {
        report(Status("navigator output unreadable: solving directly"));
        var client = new RecordingChatClient(context.Inference, context.Calls, new ModelCallLabel("fallback", Sample));
        var solver = new DirectSolver(client, new DirectSolverOptions
        {
            MaxTokens = context.Budget.NextCallCap(_options.MaxTokensPerCall),
            Temperature = _options.Temperature,
            TopP = _options.TopP,
            Seed = _options.Sampling.ForSample(Sample).Seed,
            StartsInThinking = context.InferenceStartsInThinking,
        });
        Solution? solution = null;
        await foreach (var update in solver.SolveStreamingAsync(new SolveRequest(problem) { AnswerKind = answerKind, StreamText = streamText }, ct).ConfigureAwait(false))
        {
            if (update.Solution is { } s) solution = s;
            else report(update with { Sample = Sample });
        }
        var direct = solution!.Samples[0];
        return Finish(direct.Text, direct.Thinking, direct.AnswerText, direct.Answer ?? Extract(direct.AnswerText), direct.Truncated);
    }

    private SampleResult Stopped(string why)
    {
        recorder.Outcome = recorder.Outcome == SampleOutcome.Fallback ? SampleOutcome.Fallback : SampleOutcome.Stopped;
        recorder.Note = recorder.Note is null ? $"stopped: {why}" : $"{recorder.Note}; stopped: {why}";
        report(Status($"stopped: {why}"));
        var last = _history.Count > 0 ? _history[^1].Solution : "";
        return Finish(last, "", last, last.Length > 0 ? Extract(last) : null, truncated: true);
    }

    private SampleResult Finish(string text, string thinking, string visible, string? answer, bool truncated)
    {
        recorder.Answer = answer;
        recorder.FinalText = text;
        recorder.ReviewScore = _scores.Count > 0 ? _scores.Average() : null;
        return new SampleResult(text, thinking, visible, answer, 0, RecordedUsage.Of(context.Calls.TotalsFor(Sample)), truncated);
    }

    private async Task<string> CallAsync(IChatClient client, string role, int? step, List<ChatMessage> messages, CancellationToken ct)
    {
        var recorded = new RecordingChatClient(client, context.Calls, new ModelCallLabel(role, Sample, step));
        var options = new ChatOptions
        {
            MaxOutputTokens = context.Budget.NextCallCap(_options.MaxTokensPerCall),
            Temperature = _options.Temperature,
            TopP = _options.TopP,
            Seed = _options.Sampling.ForSample(Sample).Seed,
        };
        var response = await recorded.GetResponseAsync(messages, options, ct).ConfigureAwait(false);
        context.NoteModel(client, response.ModelId);
        _lastFinish = response.FinishReason;
        return response.Text;
    }

    private string History()
    {
        if (_history.Count == 0) return "(nothing yet)";
        return string.Join("\n\n", _history.Select(h => $"Step {h.Index}: {h.Goal}\nInstruction: {h.Instruction}\nStudent's solution: {h.Solution}"));
    }

    private SolveUpdate Status(string text) => new(SolveUpdateKind.Status, text, Sample);

    /// <summary>A server's refusal of a prompt longer than its context (llama.cpp: "exceeds the available context size"; vLLM, OpenAI: "maximum context length").</summary>
    private static bool IsContextOverflow(ModelException ex) =>
        ex.Message.Contains("HTTP 400", StringComparison.Ordinal) && ex.Message.Contains("context", StringComparison.OrdinalIgnoreCase);

    private string? Extract(string text) => AnswerExtractor.Extract(text, answerKind)?.Text;

    private static string Fill(string name, params (string Key, string Value)[] values) => PromptTemplates.Fill(PromptTemplates.Get(name), values).Trim();

    private static List<RetrievedTemplate> Hits(IReadOnlyList<TemplateHit> hits) =>
        [.. hits.Select(h => new RetrievedTemplate(h.Template.Id, h.Template.Name, h.Template.Chapter, h.Template.Section, h.Score))];
}
