using Microsoft.Extensions.AI;
using ReasonFlux.Evaluation;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Training.Datasets;
using ReasonFlux.Training.Pairs;

namespace ReasonFlux.Training.Tests.Pairs;

public sealed class PairGeneratorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Methods = ["Method Always", "Method Half", "Method Never"];

    /// <summary>Three plans per problem; the inference model solves Always every time, Half every other time, Never never.</summary>
    private static FluxModels Models()
    {
        var models = new FluxModels();
        models.Plans([.. Methods.Select(m => FluxModels.PlanJson(m, "Set up", "Solve"))]);
        models.Instantiation = (method, n) => method switch
        {
            "Method Always" => "Then \\boxed{2}",
            "Method Half" => n % 2 == 0 ? "Then \\boxed{2}" : "Then \\boxed{3}",
            _ => "Then \\boxed{5}",
        };
        return models;
    }

    private static async Task<PairRun> RunAsync(FluxModels models, TempDir dir, bool resume = false)
    {
        using IChatClient client = OpenAIEndpoint.CreateChatClient(new OpenAIEndpointOptions { Endpoint = models.Server.BaseUri, Model = "m", ApiKey = "k" });
        var benchmark = EvalRuns.Arithmetic(dir.Path, ("What is 1+1?", "2"));
        var generator = new PairGenerator(client, client, new PairOptions { Trajectories = 3, Instantiations = 2, Concurrency = 3, Seed = 7 });
        return await generator.RunAsync(benchmark, dir.File("pairs"), resume, null, Ct);
    }

    private static string MethodOf(string reply) => Methods.Single(m => reply.Contains(m, StringComparison.Ordinal));

    [Fact]
    public async Task Trajectories_are_scored_by_success_rate_and_paired_best_first()
    {
        using var dir = new TempDir();
        await using var models = Models();
        var run = await RunAsync(models, dir);
        Assert.Equal(
            [("Method Always", "Method Half", 1.0, 0.5), ("Method Always", "Method Never", 1.0, 0.0), ("Method Half", "Method Never", 0.5, 0.0)],
            run.Pairs.Select(p => (MethodOf(p.Chosen), MethodOf(p.Rejected), p.ChosenScore, p.RejectedScore)));
        Assert.Equal(3 + (3 * 2), run.Calls);
    }

    [Fact]
    public async Task Pairs_are_written_as_a_ranking_dataset_with_the_plan_prompt()
    {
        using var dir = new TempDir();
        await using var models = Models();
        var run = await RunAsync(models, dir);
        await DatasetWriter.WritePreferenceAsync(dir.File("data"), "rf_pairs", DatasetFormat.ShareGpt, run.Pairs, Ct);
        var rows = LlamaFactorySchema.Check(dir.File("data"), "rf_pairs");
        Assert.Equal(3, rows.Count);
        Assert.Contains("design a reasoning trajectory", rows[0]!["conversations"]![0]!["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(1.0, rows[0]!["chosen_score"]!.GetValue<double>());
    }

    [Fact]
    public async Task Resume_redoes_only_the_failed_calls()
    {
        using var dir = new TempDir();
        await using var models = Models();
        var healthy = models.Instantiation;
        models.Instantiation = (method, n) => method == "Method Never" ? null : healthy(method, n);
        var first = await RunAsync(models, dir);
        Assert.Equal((2, 1, 0), (first.Failed, first.IncompleteProblems, first.Pairs.Count));

        models.Instantiation = healthy;
        var before = models.Requests.Count;
        var second = await RunAsync(models, dir, resume: true);
        Assert.Equal(2, models.Requests.Count - before);
        Assert.Equal(3, second.Pairs.Count);
    }

    [Fact]
    public async Task A_second_run_into_the_same_folder_without_resume_is_refused()
    {
        using var dir = new TempDir();
        await using var models = Models();
        await RunAsync(models, dir);
        await Assert.ThrowsAsync<RunConflictException>(() => RunAsync(models, dir));
    }
}
