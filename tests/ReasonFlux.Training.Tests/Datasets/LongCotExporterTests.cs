using Microsoft.Extensions.AI;
using ReasonFlux.Evaluation;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Tests;
using ReasonFlux.Training.Datasets;

namespace ReasonFlux.Training.Tests.Datasets;

public sealed class LongCotExporterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A direct run against a loopback model that thinks, then answers 1+1 and 2+3 right and 4+4 wrong.</summary>
    private static async Task DirectRunAsync(string runDir, string dataDir, int samples)
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = request =>
        {
            var body = request.Body;
            var reply = body.Contains("1+1", StringComparison.Ordinal) ? "<think>One and one make two.</think>The answer is \\boxed{2}."
                : body.Contains("2+3", StringComparison.Ordinal) ? "<think>Two plus three is five.</think>So \\boxed{5}."
                : "<think>Guessing.</think>\\boxed{9}";
            var streamed = request.JsonObject["stream"]?.GetValue<bool>() == true;
            return streamed ? LoopbackReply.StreamedCompletion([reply]) : LoopbackReply.Completion(reply);
        };
        using IChatClient client = OpenAIEndpoint.CreateChatClient(new OpenAIEndpointOptions { Endpoint = server.BaseUri, Model = "m", ApiKey = "k" });
        var benchmark = EvalRuns.Arithmetic(dataDir, ("What is 1+1?", "2"), ("What is 2+3?", "5"), ("What is 4+4?", "8"));
        await EvalRuns.RunAsync(runDir, benchmark, new DirectSolver(client, new DirectSolverOptions { MaxTokens = 256 }), "direct", samples, null, Ct);
    }

    [Fact]
    public async Task Only_correct_samples_become_think_then_answer_examples()
    {
        using var dir = new TempDir();
        await DirectRunAsync(dir.File("run"), dir.Path, samples: 1);
        var export = LongCotExporter.Export([dir.File("run")]);
        Assert.Equal(["What is 1+1?", "What is 2+3?"], export.Examples.Select(e => e.Prompt));
        Assert.Equal("<think>\nOne and one make two.\n</think>\n\nThe answer is \\boxed{2}.", export.Examples[0].Response);
        Assert.Equal(1, export.Excluded["not graded correct"]);
    }

    [Fact]
    public async Task Repeated_identical_samples_are_kept_once()
    {
        using var dir = new TempDir();
        await DirectRunAsync(dir.File("run"), dir.Path, samples: 3);
        var export = LongCotExporter.Export([dir.File("run")]);
        Assert.Equal(2, export.Examples.Count);
        Assert.Equal(4, export.Excluded["duplicate"]);
        Assert.Equal(9, export.Read);
    }

    [Theory]
    [InlineData(DatasetFormat.Alpaca)]
    [InlineData(DatasetFormat.ShareGpt)]
    public async Task Reference_run_round_trips_into_a_documented_llamafactory_dataset(DatasetFormat format)
    {
        using var dir = new TempDir();
        var benchmark = BenchmarkLoader.Load(BenchmarkCatalog.Find("math500")!, SharedData.Path("benchmarks/math500.jsonl"));
        await EvalRuns.RunAsync(dir.File("run"), benchmark, new ReferenceSolver(benchmark), "reference", samples: 1, limit: 6, Ct);
        var export = LongCotExporter.Export([dir.File("run")]);
        await DatasetWriter.WriteSftAsync(dir.File("data"), "rf_longcot", format, export.Examples, Ct);

        var rows = LlamaFactorySchema.Check(dir.File("data"), "rf_longcot");
        Assert.Equal(export.Examples.Count, rows.Count);
        var first = format == DatasetFormat.Alpaca ? rows[0]!["output"]!.GetValue<string>() : rows[0]!["conversations"]![1]!["value"]!.GetValue<string>();
        Assert.StartsWith("<think>\n", first, StringComparison.Ordinal);
        Assert.Contains("</think>\n\nThe final answer is $\\boxed{", first, StringComparison.Ordinal);
        Assert.Equal(benchmark.Problems[0].Problem, format == DatasetFormat.Alpaca ? rows[0]!["instruction"]!.GetValue<string>() : rows[0]!["conversations"]![0]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Require_thinking_leaves_out_replies_without_a_thinking_block()
    {
        using var dir = new TempDir();
        var benchmark = BenchmarkLoader.Load(BenchmarkCatalog.Find("math500")!, SharedData.Path("benchmarks/math500.jsonl"));
        await EvalRuns.RunAsync(dir.File("run"), benchmark, new ReferenceSolver(benchmark), "reference", samples: 1, limit: 2, Ct);
        var export = LongCotExporter.Export([dir.File("run")], new LongCotOptions { RequireThinking = true });
        Assert.Empty(export.Examples);
        Assert.True(export.Excluded["no thinking block"] > 0);
    }

    [Fact]
    public async Task Writing_a_second_dataset_keeps_the_first_entry_of_dataset_info()
    {
        using var dir = new TempDir();
        SftExample[] one = [new("s", "p", "<think>\nt\n</think>\n\na")];
        await DatasetWriter.WriteSftAsync(dir.Path, "first", DatasetFormat.Alpaca, one, Ct);
        await DatasetWriter.WriteSftAsync(dir.Path, "second", DatasetFormat.ShareGpt, one, Ct);
        LlamaFactorySchema.Check(dir.Path, "first");
        LlamaFactorySchema.Check(dir.Path, "second");
    }

    [Fact]
    public void A_folder_without_a_run_is_reported_by_path()
    {
        using var dir = new TempDir();
        var error = Assert.Throws<FileNotFoundException>(() => LongCotExporter.Export([dir.Path]));
        Assert.Contains(dir.Path, error.Message, StringComparison.Ordinal);
    }
}
