using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Grading;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Reasoning;
using ReasonFlux.Reasoning.Flux;
using ReasonFlux.Reasoning.Traces;
using ReasonFlux.Templates;
using ReasonFlux.Training.Datasets;

namespace ReasonFlux.Training.Tests.Datasets;

/// <summary>A real MiniLM index over a three-template library, built once for the class.</summary>
public sealed class SmallLibraryIndex : IAsyncLifetime
{
    private readonly TempDir _dir = new();

    public TemplateIndex Index { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var path = _dir.File("library.json");
        await File.WriteAllTextAsync(path, """
            {"Sequences": {"Recurrences": [{"template_name": "Linear Recurrence Method", "template_type": "Problem Solving Method",
              "knowledge_tag": ["Sequences"], "description": "Solve a linear recurrence through its characteristic equation.",
              "application_scenario": "A sequence is defined by a linear recurrence.", "reason_flow": ["Write the characteristic equation", "Find its roots"],
              "example_application": "a_{n+1} = 2a_n gives 2^n."}]},
             "Geometry": {"Triangles": [{"template_name": "Law of Cosines", "template_type": "Secondary Conclusion", "knowledge_tag": ["Triangles"],
              "description": "Relate three sides and one angle.", "application_scenario": "Two sides and the included angle are known.",
              "reason_flow": ["Apply c^2 = a^2 + b^2 - 2ab cos C"], "example_application": "3, 4, right angle gives 5."}]}}
            """);
        Index = await TemplateIndex.BuildAsync(TemplateLibrary.Load(path), Embedders.MiniLm(), new TemplateIndexOptions { UseCache = false });
    }

    public ValueTask DisposeAsync()
    {
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }
}

public sealed class NavigatorExporterTests(SmallLibraryIndex library) : IClassFixture<SmallLibraryIndex>
{
    private const string Problem = "A sequence has a_1 = 1 and a_{n+1} = 2 a_n + 1. Find a_6.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Solves with the real FluxSolver against the loopback models and writes the trace as System.Text.Json writes it.</summary>
    private async Task<string> TraceAsync(TempDir dir, string name, FluxModels models, int samples = 1)
    {
        using IChatClient client = OpenAIEndpoint.CreateChatClient(new OpenAIEndpointOptions { Endpoint = models.Server.BaseUri, Model = "m", ApiKey = "k" });
        var solver = new FluxSolver(client, client, library.Index, new FluxSolverOptions { Seed = 1, Samples = samples, StepTemplateMinScore = null });
        var recorder = new TraceRecorder();
        await foreach (var _ in solver.SolveStreamingAsync(new SolveRequest(Problem), recorder, Ct)) { }
        var path = dir.File(name);
        await TraceJson.WriteAsync(recorder.Trace!, path, Ct);
        return path;
    }

    [Fact]
    public async Task Flux_trace_becomes_plan_prompt_to_think_and_original_trajectory_keys()
    {
        using var dir = new TempDir();
        await using var models = new FluxModels();
        var trace = await TraceAsync(dir, "t.json", models);
        var export = NavigatorExporter.Export([trace]);
        var example = Assert.Single(export.Examples);
        Assert.Contains("design a reasoning trajectory", example.Prompt, StringComparison.Ordinal);
        Assert.Contains(Problem, example.Prompt, StringComparison.Ordinal);
        Assert.StartsWith("<think>\nRecurrence, so a characteristic equation.\n</think>\n\n{", example.Response, StringComparison.Ordinal);
        var plan = JsonNode.Parse(example.Response[example.Response.IndexOf('{', StringComparison.Ordinal)..])!.AsObject();
        Assert.Equal(["Problem", "General Knowledge Category", "Specific Direction", "Applied Method", "Examined Knowledge", "reason_flow"], plan.Select(kv => kv.Key));
        Assert.Equal("Linear Recurrence Method", plan["Applied Method"]!.GetValue<string>());
        Assert.Equal("Solve the characteristic equation", plan["reason_flow"]![1]!.GetValue<string>());
    }

    [Fact]
    public async Task Flux_eval_run_folder_gives_the_same_navigator_examples_as_the_trace_files()
    {
        using var dir = new TempDir();
        await using var models = new FluxModels();
        var benchmark = EvalRuns.Arithmetic(dir.Path, (Problem, "63"));
        using IChatClient client = OpenAIEndpoint.CreateChatClient(new OpenAIEndpointOptions { Endpoint = models.Server.BaseUri, Model = "m", ApiKey = "k" });
        var solver = new FluxSolver(client, client, library.Index, new FluxSolverOptions { Seed = 1, StepTemplateMinScore = null });
        var run = Path.Combine(dir.Path, "run");
        await EvalRuns.RunAsync(run, benchmark, solver, "flux", samples: 1, limit: null, Ct);
        var fromFile = NavigatorExporter.Export([await TraceAsync(dir, "t.json", models)]);

        var fromRun = NavigatorExporter.Export(TraceFile.Expand([run]));

        Assert.Equal(Assert.Single(fromFile.Examples).Response, Assert.Single(fromRun.Examples).Response);
        Assert.Equal($"{run}#q0/0#0", fromRun.Examples[0].Source);
    }

    [Fact]
    public async Task A_folder_with_other_json_files_skips_and_counts_them()
    {
        using var dir = new TempDir();
        await using var models = new FluxModels();
        await TraceAsync(dir, "t.json", models);
        await File.WriteAllTextAsync(dir.File("a-summary.json"), """{"benchmark": "math500", "problems": 3}""", Ct);
        await File.WriteAllTextAsync(dir.File("b-broken.json"), "{not json", Ct);
        var export = NavigatorExporter.Export(TraceFile.Expand([Path.GetDirectoryName(dir.File("t.json"))!]));
        Assert.Single(export.Examples);
        Assert.Equal(2, export.Excluded["not a trace file"]);
    }

    [Fact]
    public void Only_non_trace_files_is_still_an_error()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("summary.json"), """{"benchmark": "math500"}""");
        var ex = Assert.Throws<TraceFormatException>(() => NavigatorExporter.Export([dir.File("summary.json")]));
        Assert.Contains("missing required fields: format", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Navigator_target_is_read_back_by_the_solvers_trajectory_parser()
    {
        using var dir = new TempDir();
        await using var models = new FluxModels();
        var export = NavigatorExporter.Export([await TraceAsync(dir, "t.json", models)]);
        var parsed = TrajectoryParser.Parse(export.Examples[0].Response, out var error);
        Assert.True(parsed is not null, error);
        Assert.Equal(3, parsed.Steps.Count);
    }

    [Fact]
    public async Task Gold_answers_keep_only_trajectories_graded_correct()
    {
        using var dir = new TempDir();
        await using var models = new FluxModels();
        var trace = await TraceAsync(dir, "t.json", models);
        var right = new Dictionary<string, BenchmarkProblem> { [Problem] = new("q", Problem, "63", AnswerKind.Math) };
        var wrong = new Dictionary<string, BenchmarkProblem> { [Problem] = new("q", Problem, "64", AnswerKind.Math) };
        Assert.Single(NavigatorExporter.Export([trace], new NavigatorOptions { Gold = right }).Examples);
        var export = NavigatorExporter.Export([trace], new NavigatorOptions { Gold = wrong });
        Assert.Empty(export.Examples);
        Assert.Equal(1, export.Excluded["not graded correct"]);
    }

    [Theory]
    [InlineData(DatasetFormat.Alpaca)]
    [InlineData(DatasetFormat.ShareGpt)]
    public async Task Traces_round_trip_into_a_documented_dataset_and_duplicates_are_dropped(DatasetFormat format)
    {
        using var dir = new TempDir();
        await using var models = new FluxModels();
        await TraceAsync(dir, "a.json", models, samples: 2);
        var export = NavigatorExporter.Export(TraceFile.Expand([dir.Path]));
        Assert.Equal(2, export.Read);
        Assert.Equal(1, export.Excluded["duplicate"]);
        await DatasetWriter.WriteSftAsync(dir.File("data"), "rf_navigator", format, export.Examples, Ct);
        Assert.Single(LlamaFactorySchema.Check(dir.File("data"), "rf_navigator"));
    }

    [Fact]
    public async Task A_file_that_is_not_a_trace_is_reported_with_its_path_and_line()
    {
        using var dir = new TempDir();
        await File.WriteAllTextAsync(dir.File("bad.json"), "{\n  \"format\": 1,\n  \"samples\": 3\n}", Ct);
        var error = Assert.Throws<TraceFormatException>(() => NavigatorExporter.Export([dir.File("bad.json")]));
        Assert.Contains(dir.File("bad.json") + ": line 3", error.Message, StringComparison.Ordinal);
    }
}
