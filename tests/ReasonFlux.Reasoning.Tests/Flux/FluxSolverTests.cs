using ReasonFlux.Reasoning.Flux;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Reasoning.Tests.Flux;

public sealed class FluxSolverTests(LibraryFixture library) : IClassFixture<LibraryFixture>
{
    private const string Problem = "A sequence has a_1 = 1 and a_{n+1} = 2 a_n + 1. Find a_6.";
    private static readonly string[] AdjustedSteps = ["Write down the recurrence and its order", "Solve the characteristic equation", "Evaluate the requested term"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Solution Solution, SolveTrace Trace, RecordingIndex Index)> SolveAsync(ScriptedModels models, FluxSolverOptions? options = null, bool streamText = true)
    {
        var index = new RecordingIndex(library.Index);
        var solver = new FluxSolver(models.Client("navigator-model"), models.Client("inference-model"), index, options ?? new FluxSolverOptions { Seed = 1 });
        var recorder = new TraceRecorder();
        Solution? solution = null;
        await foreach (var update in solver.SolveStreamingAsync(new SolveRequest(Problem) { StreamText = streamText }, recorder, Ct)) solution = update.Solution ?? solution;
        return (solution!, recorder.Trace!, index);
    }

    [Fact]
    public async Task Plan_is_parsed_into_the_first_trajectory_version()
    {
        await using var models = new ScriptedModels();
        models.Script(ScriptedModels.Plan, "<think>recurrence</think>\n```json\n" + ScriptedModels.PlanJson("Linear Recurrence Method", "Set up", "Solve", "Evaluate") + "\n```");
        var (_, trace, _) = await SolveAsync(models);
        var plan = trace.Samples[0].Trajectories[0];
        Assert.Equal("plan", plan.Reason);
        Assert.Equal(("Sequences", "Recurrences", "Linear Recurrence Method"), (plan.Trajectory.Category, plan.Trajectory.Direction, plan.Trajectory.Method));
        Assert.Equal(["recurrences"], plan.Trajectory.Knowledge);
        Assert.Equal(["Set up", "Solve", "Evaluate"], plan.Trajectory.Steps);
    }

    [Fact]
    public async Task Hierarchical_retrieval_searches_with_the_plans_category_direction_and_method()
    {
        await using var models = new ScriptedModels();
        var (_, trace, index) = await SolveAsync(models);
        Assert.Equal("hierarchical: Sequences | Recurrences | Linear Recurrence Method", index.Queries[0]);
        var main = trace.Samples[0].Retrievals[0];
        Assert.Equal("Linear Recurrence Method", main.Hits[0].Name);
        Assert.Equal(main.Hits[0].Id, main.Chosen);
    }

    [Fact]
    public async Task Flat_retrieval_searches_whole_templates_with_the_method_text()
    {
        await using var models = new ScriptedModels();
        var (_, trace, index) = await SolveAsync(models, new FluxSolverOptions { Retrieval = RetrievalMode.Flat });
        Assert.Equal("flat: Linear Recurrence Method. Recurrences. Sequences", index.Queries[0]);
        Assert.Equal("flat", trace.Samples[0].Retrievals[0].Mode);
    }

    [Fact]
    public async Task Retrieval_runs_once_per_step_with_the_steps_text_as_query()
    {
        await using var models = new ScriptedModels();
        var (_, trace, index) = await SolveAsync(models);
        Assert.Equal(AdjustedSteps.Select(s => "flat: " + s), index.Queries.Skip(1));
        Assert.Equal([1, 2, 3], trace.Samples[0].Retrievals.Skip(1).Select(r => r.Step!.Value));
    }

    [Fact]
    public async Task Retrieved_template_text_is_in_the_instantiation_prompt()
    {
        await using var models = new ScriptedModels();
        await SolveAsync(models);
        var tutor = ScriptedModels.Prompt(models.Requests(ScriptedModels.Tutor)[0]);
        Assert.Contains("Name: Linear Recurrence Method", tutor, StringComparison.Ordinal);
        Assert.Contains("1. Write the characteristic equation", tutor, StringComparison.Ordinal);
        Assert.Contains("Current step 1: Write down the recurrence and its order", tutor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_step_is_tutored_then_solved_then_reviewed_and_the_answer_is_boxed()
    {
        await using var models = new ScriptedModels();
        var (solution, trace, _) = await SolveAsync(models);
        string[] step = [ScriptedModels.Tutor, ScriptedModels.Student, ScriptedModels.Review];
        Assert.Equal([ScriptedModels.Plan, ScriptedModels.Adjust, .. step, .. step, .. step, ScriptedModels.Answer], models.RoleSequence);
        Assert.Equal("42", solution.Answer);
        Assert.Equal("inference-model", solution.Model);
        Assert.Equal(SampleOutcome.Completed, trace.Samples[0].Outcome);
        Assert.Equal(12, trace.Samples[0].Calls.Count);
    }

    [Fact]
    public async Task Student_sees_earlier_instructions_and_its_own_solutions_as_the_conversation()
    {
        await using var models = new ScriptedModels();
        models.Script(ScriptedModels.Tutor, "Instruction one.", "Instruction two.");
        models.Script(ScriptedModels.Student, "<think>t1</think>Result one.");
        await SolveAsync(models);
        var messages = models.Requests(ScriptedModels.Student)[1].JsonObject["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal("Result one.", messages[2]!["content"]!.ToString());
        Assert.Equal("Instruction two.", messages[3]!["content"]!.ToString());
    }

    [Fact]
    public async Task Revise_review_replans_the_remaining_steps()
    {
        await using var models = new ScriptedModels();
        models.Script(ScriptedModels.Review, """{"decision": "revise", "score": 6, "reason": "the closed form is easier by substitution"}""");
        models.Script(ScriptedModels.Replan, "1. Substitute b_n = a_n + 1\n2. Read off a_6");
        var (_, trace, _) = await SolveAsync(models);
        var sample = trace.Samples[0];
        var revised = sample.Trajectories[^1];
        Assert.Equal("revised after step 1", revised.Reason);
        Assert.Equal([AdjustedSteps[0], "Substitute b_n = a_n + 1", "Read off a_6"], revised.Trajectory.Steps);
        Assert.Equal(["Write down the recurrence and its order", "Substitute b_n = a_n + 1", "Read off a_6"], sample.Steps.Select(s => s.Goal));
        Assert.Contains("the closed form is easier by substitution", ScriptedModels.Prompt(models.Requests(ScriptedModels.Replan)[0]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redo_review_repeats_the_step_until_the_revision_budget_is_spent()
    {
        await using var models = new ScriptedModels();
        models.Defaults[ScriptedModels.Review] = """{"decision": "redo", "score": 2, "reason": "wrong"}""";
        var (_, trace, _) = await SolveAsync(models, new FluxSolverOptions { MaxRevisions = 2 });
        var steps = trace.Samples[0].Steps;
        Assert.Equal([(1, 1), (1, 2), (1, 3), (2, 1), (3, 1)], steps.Select(s => (s.Index, s.Attempt)));
        Assert.Equal("continue", steps[2].Review!.Decision);
        Assert.Contains("revision budget", steps[2].Review!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Garbage_plan_gets_one_repair_request_then_falls_back_to_direct_solving()
    {
        await using var models = new ScriptedModels();
        models.Defaults[ScriptedModels.Plan] = "I am not sure how to plan this, sorry.";
        var (solution, trace, index) = await SolveAsync(models);
        Assert.Equal([ScriptedModels.Plan, ScriptedModels.Repair, ScriptedModels.Direct], models.RoleSequence);
        Assert.Equal("7", solution.Answer);
        var sample = trace.Samples[0];
        Assert.Equal(SampleOutcome.Fallback, sample.Outcome);
        Assert.Contains("could not be read after one repair request", sample.Note, StringComparison.Ordinal);
        Assert.Equal(["plan", "repair", "fallback"], sample.Calls.Select(c => c.Role));
        Assert.Empty(index.Queries);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Direct_fallback_streams_only_when_the_solve_streams_its_text(bool streamText)
    {
        await using var models = new ScriptedModels();
        models.Defaults[ScriptedModels.Plan] = "I am not sure how to plan this, sorry.";

        var (solution, _, _) = await SolveAsync(models, streamText: streamText);

        var direct = Assert.Single(models.Requests(ScriptedModels.Direct));
        Assert.Equal(streamText, direct.JsonObject["stream"]?.GetValue<bool>() == true);
        Assert.Equal("7", solution.Answer);
    }

    [Theory]
    [InlineData("the request exceeds the available context size, try increasing it")]
    [InlineData("This model's maximum context length is 4096 tokens. However, you requested 5120 tokens.")]
    public async Task Repair_prompt_over_the_context_falls_back_to_direct_solving_and_is_traced(string serverMessage)
    {
        await using var models = new ScriptedModels();
        models.Defaults[ScriptedModels.Plan] = "I am not sure how to plan this, sorry.";
        models.Failures[ScriptedModels.Repair] = ReasonFlux.Models.Tests.Loopback.LoopbackReply.Error(400, serverMessage);

        var (solution, trace, _) = await SolveAsync(models);

        Assert.Equal([ScriptedModels.Plan, ScriptedModels.Repair, ScriptedModels.Direct], models.RoleSequence);
        Assert.Equal("7", solution.Answer);
        var sample = trace.Samples[0];
        Assert.Equal(SampleOutcome.Fallback, sample.Outcome);
        Assert.Contains("context", sample.Note, StringComparison.Ordinal);
        Assert.Contains(serverMessage, sample.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repair_request_carries_the_bad_reply_and_the_reason()
    {
        await using var models = new ScriptedModels();
        models.Script(ScriptedModels.Plan, "no plan here");
        models.Script(ScriptedModels.Repair, "Sure! {'General Knowledge Category': 'Sequences', 'Specific Direction': 'Recurrences', 'Applied Method': 'Linear Recurrence Method', 'reason_flow': ['Set up', 'Solve',],}");
        var (solution, trace, _) = await SolveAsync(models);
        var repair = models.Requests(ScriptedModels.Repair)[0].JsonObject["messages"]!.AsArray();
        Assert.Equal("no plan here", repair[1]!["content"]!.ToString());
        Assert.Contains("holds no JSON object", repair[2]!["content"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal(SampleOutcome.Completed, trace.Samples[0].Outcome);
        Assert.Equal(["Set up", "Solve"], trace.Samples[0].Trajectories[0].Trajectory.Steps);
        Assert.Equal("42", solution.Answer);
    }

    [Fact]
    public async Task Unreadable_adjustment_keeps_the_plans_steps()
    {
        await using var models = new ScriptedModels();
        models.Script(ScriptedModels.Adjust, "hmm");
        var (_, trace, _) = await SolveAsync(models);
        Assert.Single(trace.Samples[0].Trajectories);
        Assert.Equal(["Write down the recurrence", "Find the closed form", "Evaluate the requested term"], trace.Samples[0].Steps.Select(s => s.Goal));
    }

    [Fact]
    public async Task Max_steps_cuts_a_long_plan()
    {
        await using var models = new ScriptedModels();
        var (_, trace, _) = await SolveAsync(models, new FluxSolverOptions { MaxSteps = 2 });
        Assert.Equal("capped at 2 steps", trace.Samples[0].Trajectories[^1].Reason);
        Assert.Equal([1, 2], trace.Samples[0].Steps.Select(s => s.Index));
    }

    [Fact]
    public async Task Token_budget_stops_the_loop_and_answers_from_the_last_step()
    {
        await using var models = new ScriptedModels();
        // Each scripted call costs 120 tokens: plan, adjust, then step 1's tutor, student, review = 600; the next call finds nothing left.
        var (solution, trace, _) = await SolveAsync(models, new FluxSolverOptions { MaxTotalTokens = 600 });
        var sample = trace.Samples[0];
        Assert.Equal(SampleOutcome.Stopped, sample.Outcome);
        Assert.Contains("token budget", sample.Note, StringComparison.Ordinal);
        Assert.Equal(5, sample.Calls.Count);
        Assert.Equal(600, solution.Usage.PromptTokens + solution.Usage.CompletionTokens);
        Assert.Equal("42", solution.Answer);
    }

    [Fact]
    public async Task Token_budget_lowers_each_calls_output_cap_to_what_is_left()
    {
        await using var models = new ScriptedModels();
        await SolveAsync(models, new FluxSolverOptions { MaxTotalTokens = 130, MaxTokensPerCall = 3072 });
        var caps = models.Server.Requests.Select(r => r.JsonObject["max_completion_tokens"]?.GetValue<int>() ?? r.JsonObject["max_tokens"]!.GetValue<int>()).ToList();
        Assert.Equal([130, 10], caps);
    }

    [Fact]
    public async Task Timeout_stops_the_loop_with_a_complete_trace()
    {
        await using var models = new ScriptedModels { Delay = TimeSpan.FromMilliseconds(150) };
        var (_, trace, _) = await SolveAsync(models, new FluxSolverOptions { Timeout = TimeSpan.FromMilliseconds(400) });
        var sample = trace.Samples[0];
        Assert.Equal(SampleOutcome.Stopped, sample.Outcome);
        Assert.Contains("time limit", sample.Note, StringComparison.Ordinal);
        Assert.InRange(sample.Calls.Count, 1, 11);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_swallowed()
    {
        await using var models = new ScriptedModels { Delay = TimeSpan.FromSeconds(5) };
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(200);
        var solver = new FluxSolver(models.Client("n"), models.Client("i"), library.Index);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => solver.SolveAsync(new SolveRequest(Problem), cts.Token));
    }

    [Fact]
    public async Task A_cancelled_solve_still_leaves_a_trace_of_the_work_done()
    {
        await using var models = new ScriptedModels();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var solver = new FluxSolver(models.Client("n"), models.Client("i"), library.Index);
        var recorder = new TraceRecorder();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in solver.SolveStreamingAsync(new SolveRequest(Problem), recorder, cts.Token))
            {
                if (update.Text.StartsWith("review of step 1", StringComparison.Ordinal)) await cts.CancelAsync();
            }
        });
        var trace = recorder.Trace;
        Assert.NotNull(trace);
        Assert.NotNull(trace.Error);
        Assert.Null(trace.Answer);
        var sample = Assert.Single(trace.Samples);
        Assert.Equal(SampleOutcome.Cancelled, sample.Outcome);
        Assert.Equal(["plan", "adjust", "tutor", "student", "review"], sample.Calls.Take(5).Select(c => c.Role));
        Assert.NotEmpty(sample.Steps);
    }

    [Fact]
    public async Task Samples_are_whole_trajectories_and_the_majority_answer_wins()
    {
        await using var models = new ScriptedModels();
        models.Script(ScriptedModels.Answer, "\\boxed{5}", "\\boxed{63}", "\\boxed{63.0}");
        var (solution, trace, _) = await SolveAsync(models, new FluxSolverOptions { Samples = 3, Review = false });
        Assert.Equal(3, trace.Samples.Count);
        Assert.Equal(3, models.Requests(ScriptedModels.Plan).Count);
        Assert.Equal("63", solution.Answer);
        Assert.Equal(1, trace.SelectedSample);
    }

    [Fact]
    public async Task Review_selection_picks_the_trajectory_with_the_best_mean_score()
    {
        await using var models = new ScriptedModels();
        models.Script(ScriptedModels.Answer, "\\boxed{5}", "\\boxed{63}", "\\boxed{5}");
        models.Script(ScriptedModels.Review,
            """{"decision":"continue","score":3}""", """{"decision":"continue","score":3}""", """{"decision":"continue","score":3}""",
            """{"decision":"continue","score":9}""", """{"decision":"continue","score":9}""", """{"decision":"continue","score":9}""");
        var (solution, trace, _) = await SolveAsync(models, new FluxSolverOptions { Samples = 3, Selection = SampleSelection.Review });
        Assert.Equal("63", solution.Answer);
        Assert.Equal("review", trace.Selection);
        Assert.Equal(9, trace.Samples[1].ReviewScore);
    }
}
