using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ReasonFlux.Models;
using ReasonFlux.Models.Tests.Loopback;
using ReasonFlux.Templates;

namespace ReasonFlux.Distillation.Tests;

/// <summary>The distiller against a scripted OpenAI-compatible server on loopback, with the real MiniLM embedder and starter library.</summary>
public sealed class TemplateDistillerTests : IDisposable
{
    private static readonly Lazy<IEmbeddingGenerator<string, Embedding<float>>> MiniLm = new(() => Embedders.MiniLm());
    private readonly TempDir _dir = new();
    private readonly TemplateLibrary _starter = TemplateLibrary.LoadStarter();

    public void Dispose() => _dir.Dispose();

    private string Output => _dir.File("grown.json");

    private async Task<DistillSummary> DistillAsync(LoopbackChatServer server, SolvedProblemSet set, DistillOptions? options = null, bool resume = false,
        IProgress<DistillProgress>? progress = null, CancellationToken ct = default)
    {
        using var session = await ModelLoader.OpenAsync(new ModelSpec { Model = "distiller", Endpoint = server.BaseUri, ApiKey = "x" }, cancellationToken: ct);
        var distiller = new TemplateDistiller(session.Client, MiniLm.Value, "distiller",
            (options ?? new DistillOptions()) with { Index = new TemplateIndexOptions { CacheDirectory = _dir.File("cache") } });
        using var store = DistillStore.Open(DistillStore.PathFor(Output), distiller.Manifest(_starter, set.Problems.Select(p => p.Source).Distinct()), resume);
        var summary = await distiller.RunAsync(set, _starter, store, progress, ct);
        DistilledLibrary.Write(_starter, store.ReadAll(), Output);
        return summary;
    }

    private SolvedProblemSet Solved(params (string Problem, string Gold, string Template)[] items) =>
        SolvedProblemReader.Read([Fixtures.Run(_dir.Path, [.. items.Select(i => (i.Problem, i.Gold))])]);

    private static Dictionary<string, string> Replies(params (string Problem, string Gold, string Template)[] items) => items.ToDictionary(i => i.Problem, i => i.Template);

    [Fact]
    public async Task Keeps_a_new_template_with_its_provenance_in_the_merged_library_and_the_delta()
    {
        await using var server = LoopbackChatServer.Start();
        var pick = Fixtures.Novel[0];
        server.Responder = Fixtures.ByProblem(Replies(pick));

        var summary = await DistillAsync(server, Solved(pick), ct: TestContext.Current.CancellationToken);

        Assert.Equal(1, summary.Kept);
        Assert.DoesNotContain(TemplateLibrary.Validate(Output), p => !p.IsWarning);
        var merged = TemplateLibrary.Load(Output);
        Assert.Equal(_starter.Templates.Count + 1, merged.Templates.Count);
        var delta = TemplateLibrary.Load(DistilledLibrary.DeltaPathFor(Output));
        var added = Assert.Single(delta.Templates);
        Assert.Equal("Pick's Theorem for Lattice Polygon Areas", added.Name);
        var provenance = TemplateProvenance.Of(added);
        Assert.NotNull(provenance);
        Assert.Equal((Path.Combine(_dir.Path, "run"), "p0", "distiller", "solver-model"), (provenance.Source, provenance.ProblemId, provenance.Model, provenance.SolverModel));
        Assert.Null(added.Original["chapter"]);
    }

    [Fact]
    public async Task Provenance_survives_loading_and_saving_the_merged_library()
    {
        await using var server = LoopbackChatServer.Start();
        var pick = Fixtures.Novel[0];
        server.Responder = Fixtures.ByProblem(Replies(pick));
        await DistillAsync(server, Solved(pick), ct: TestContext.Current.CancellationToken);

        var copy = _dir.File("copy.json");
        TemplateLibrary.Load(Output).Save(copy);

        var reloaded = TemplateLibrary.Load(copy).Templates.Single(t => t.Name.StartsWith("Pick", StringComparison.Ordinal));
        Assert.Equal("p0", TemplateProvenance.Of(reloaded)?.ProblemId);
    }

    [Fact]
    public async Task A_malformed_reply_is_repaired_with_one_request()
    {
        await using var server = LoopbackChatServer.Start();
        var pick = Fixtures.Novel[0];
        server.Enqueue(LoopbackReply.Completion("Sure! The method here is Pick's theorem, which relates area to lattice points."), LoopbackReply.Completion("```json\n" + pick.Template + "\n```"));

        var summary = await DistillAsync(server, Solved(pick), ct: TestContext.Current.CancellationToken);

        Assert.Equal(1, summary.Kept);
        Assert.Equal(2, server.Requests.Count);
        var repair = server.Requests[1].JsonObject["messages"]!.AsArray();
        Assert.Equal(3, repair.Count);
        Assert.Contains("could not be used: no JSON object with the template fields", repair[2]!["content"]!.ToString());
    }

    [Fact]
    public async Task A_reply_unreadable_after_the_repair_is_skipped_and_counted()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => LoopbackReply.Completion("I am not able to write JSON today.");

        var summary = await DistillAsync(server, Solved(Fixtures.Novel[0]), ct: TestContext.Current.CancellationToken);

        Assert.Equal((0, 1), (summary.Kept, summary.Unreadable));
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(1, summary.ByReason[DistillOutcomes.Unreadable]["unreadable"]);
        Assert.False(File.Exists(DistilledLibrary.DeltaPathFor(Output)));
        Assert.Equal(_starter.Templates.Count, TemplateLibrary.Load(Output).Templates.Count);
    }

    [Fact]
    public async Task A_template_missing_a_schema_field_after_the_repair_fails_the_schema_check()
    {
        await using var server = LoopbackChatServer.Start();
        var pick = Fixtures.Novel[0];
        var broken = JsonNode.Parse(pick.Template)!.AsObject();
        broken.Remove("reason_flow");
        server.Responder = _ => LoopbackReply.Completion(broken.ToJsonString());

        var summary = await DistillAsync(server, Solved(pick), ct: TestContext.Current.CancellationToken);

        Assert.Equal(1, summary.FailedChecks);
        Assert.Equal(1, summary.ByReason[DistillOutcomes.FailedCheck]["schema"]);
        Assert.Contains("reason_flow", server.Requests[1].JsonObject["messages"]![2]!["content"]!.ToString());
    }

    [Fact]
    public async Task An_example_answer_that_differs_from_the_gold_fails_the_check()
    {
        await using var server = LoopbackChatServer.Start();
        var pick = Fixtures.Novel[0];
        server.Responder = _ => LoopbackReply.Completion(pick.Template.Replace("\"final_answer\":\"13\"", "\"final_answer\":\"14\"", StringComparison.Ordinal));

        var summary = await DistillAsync(server, Solved(pick), ct: TestContext.Current.CancellationToken);

        Assert.Equal((0, 1), (summary.Kept, summary.FailedChecks));
        Assert.Equal(1, summary.ByReason[DistillOutcomes.FailedCheck]["example answer differs from the gold"]);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_copy_of_a_library_template_is_reported_as_its_duplicate()
    {
        await using var server = LoopbackChatServer.Start();
        var vieta = _starter.Templates[0];
        var copy = vieta.Original.DeepClone().AsObject();
        server.Responder = _ => LoopbackReply.Completion(copy.ToJsonString());

        var summary = await DistillAsync(server, Solved(("The roots of x² − 5x + 3 = 0 are r and s. Find r² + s².", "19", "")), ct: TestContext.Current.CancellationToken);

        Assert.Equal(1, summary.Duplicates);
        var duplicate = Assert.Single(summary.DuplicateOf);
        Assert.Equal(vieta.Id, duplicate.Of);
        Assert.True(duplicate.Similarity > 0.99);
        Assert.StartsWith("duplicate (embedding)", duplicate.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_borderline_candidate_goes_to_the_judge_which_can_call_it_a_duplicate()
    {
        await using var server = LoopbackChatServer.Start();
        var pick = Fixtures.Novel[0];
        server.Responder = Fixtures.ByProblem(Replies(pick), judgeSame: true);

        var summary = await DistillAsync(server, Solved(pick), new DistillOptions { JudgeSimilarity = 0, DuplicateSimilarity = 0.9999 }, ct: TestContext.Current.CancellationToken);

        Assert.Equal(1, summary.Duplicates);
        Assert.StartsWith("duplicate (judge)", summary.DuplicateOf[0].Reason, StringComparison.Ordinal);
        Assert.Contains(server.Requests, r => r.Body.Contains("Template B (candidate)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_borderline_candidate_the_judge_calls_distinct_is_kept()
    {
        await using var server = LoopbackChatServer.Start();
        var pick = Fixtures.Novel[0];
        server.Responder = Fixtures.ByProblem(Replies(pick), judgeSame: false);

        var summary = await DistillAsync(server, Solved(pick), new DistillOptions { JudgeSimilarity = 0, DuplicateSimilarity = 0.9999 }, ct: TestContext.Current.CancellationToken);

        Assert.Equal(1, summary.Kept);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task The_same_template_from_two_problems_is_kept_once_and_the_second_names_the_first()
    {
        await using var server = LoopbackChatServer.Start();
        var pick = Fixtures.Novel[0];
        var again = ("A lattice polygon has 4 interior lattice points and 10 boundary lattice points. Find its area.", "8", pick.Template.Replace("\"final_answer\":\"13\"", "\"final_answer\":\"8\"", StringComparison.Ordinal));
        server.Responder = Fixtures.ByProblem(Replies(pick, again));

        var summary = await DistillAsync(server, Solved(pick, again), new DistillOptions { Concurrency = 2 }, ct: TestContext.Current.CancellationToken);

        Assert.Equal((1, 1), (summary.Kept, summary.Duplicates));
        Assert.Equal("distilled:Pick's Theorem for Lattice Polygon Areas", summary.DuplicateOf[0].Of);
    }

    [Fact]
    public async Task Resume_after_an_interruption_redoes_only_the_undecided_problems()
    {
        var set = Solved(Fixtures.Novel);
        await using (var first = LoopbackChatServer.Start())
        {
            var replies = Replies(Fixtures.Novel);
            var last = Fixtures.Novel[2].Problem;
            // The third problem's reply never comes in time: the run is stopped once the other two are committed.
            first.Responder = r => Fixtures.ProblemOf(r) == last ? LoopbackReply.Completion("late") with { Delay = TimeSpan.FromMinutes(5) } : Fixtures.ByProblem(replies)(r);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var progress = new Reporter(p => { if (p.Done == 2) stop.Cancel(); });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DistillAsync(first, set, new DistillOptions { Concurrency = 3 }, progress: progress, ct: stop.Token));
        }

        await using var second = LoopbackChatServer.Start();
        second.Responder = Fixtures.ByProblem(Replies(Fixtures.Novel));
        var summary = await DistillAsync(second, set, new DistillOptions { Concurrency = 3 }, resume: true, ct: TestContext.Current.CancellationToken);

        Assert.Equal(3, summary.Kept);
        Assert.Equal(Fixtures.Novel[2].Problem, Fixtures.ProblemOf(Assert.Single(second.Requests)));
        Assert.Equal(3, TemplateLibrary.Load(DistilledLibrary.DeltaPathFor(Output)).Templates.Count);
    }

    [Fact]
    public async Task A_second_start_without_resume_is_refused()
    {
        await using var server = LoopbackChatServer.Start();
        var pick = Fixtures.Novel[0];
        server.Responder = Fixtures.ByProblem(Replies(pick));
        var set = Solved(pick);
        await DistillAsync(server, set, ct: TestContext.Current.CancellationToken);

        var ex = await Assert.ThrowsAsync<DistillConflictException>(() => DistillAsync(server, set, ct: TestContext.Current.CancellationToken));
        Assert.Equal(StoreConflict.AlreadyExists, ex.Conflict);
        Assert.Contains("already holds a distillation; resume it", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Limit_distils_only_the_first_solved_problems()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = Fixtures.ByProblem(Replies(Fixtures.Novel));

        var summary = await DistillAsync(server, Solved(Fixtures.Novel), new DistillOptions { Limit = 1 }, ct: TestContext.Current.CancellationToken);

        Assert.Equal((1, 1), (summary.Solved, summary.Kept));
        Assert.Equal(Fixtures.Novel[0].Problem, Fixtures.ProblemOf(Assert.Single(server.Requests)));
    }

    private sealed class Reporter(Action<DistillProgress> report) : IProgress<DistillProgress>
    {
        public void Report(DistillProgress value) => report(value);
    }
}
