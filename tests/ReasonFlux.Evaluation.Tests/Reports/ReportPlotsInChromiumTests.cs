using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Reports;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Reasoning;
using ReasonFlux.Tests;
using ScottPlot;

namespace ReasonFlux.Evaluation.Tests.Reports;

/// <summary>
/// The report's plots of real --limit runs of MATH500 (all right: the reference solutions; all wrong: a solver that
/// gives up and counts its tokens): the axes read 0–100 %, counts are whole, a "tokens" plot plots tokens, and
/// the page marks the run as a subset. Set REASONFLUX_SCREENSHOT_DIR to keep the Chromium screenshots.
/// </summary>
public sealed class ReportPlotsInChromiumTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-report-plots-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Replies "I do not know." to every problem and reports 4 generated tokens, as a model solver would.</summary>
    private sealed class GivingUpSolver : ISolver
    {
        public const int Tokens = 4;

        public async IAsyncEnumerable<SolveUpdate> SolveStreamingAsync(SolveRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            const string text = "I do not know.";
            var usage = new TokenUsage(10, Tokens);
            var sample = new SampleResult(text, "", text, null, 0, usage, false);
            yield return new SolveUpdate(SolveUpdateKind.Answer, text);
            yield return new SolveUpdate(SolveUpdateKind.Completed, "", 0, new Solution(null, text, "", usage, TimeSpan.Zero, "giving-up", [sample]));
        }
    }

    private async Task<string> RunAsync(string name, Func<Benchmark, ISolver> solver, int limit)
    {
        var builtIn = BenchmarkCatalog.Find("math500")!;
        var benchmark = BenchmarkLoader.Load(builtIn, SharedData.Path($"benchmarks/{builtIn.FileName}"));
        var runDir = Path.Combine(_dir, name);
        // The parameters `eval --limit` records (EvalRun.ManifestFor).
        var manifest = RunManifest.Create(benchmark.Name, benchmark.Sha256, name, "", 1, new Dictionary<string, string>
        {
            ["limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [RunManifest.BenchmarkProblemsKey] = benchmark.Problems.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var store = EvalRun.Open(runDir, manifest, benchmark.Take(limit), resume: false);
        await new EvalRunner(solver(benchmark), new EvalRunOptions { Concurrency = 2, Limit = limit })
            .RunAsync(benchmark, store, null, TestContext.Current.CancellationToken);
        return runDir;
    }

    private static Plot PlotNamed(RunReport run, string name) => ReportPlots.Build(run).Single(p => p.Name == name).Plot;

    private static void AssertPercentAxis(Plot plot)
    {
        plot.GetImage(720, 420).Dispose();
        Assert.Equal(-4, plot.Axes.Left.Range.Min);
        Assert.Equal(104, plot.Axes.Left.Range.Max);
        var labels = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).Select(t => t.Label).ToArray();
        Assert.Equal(["0", "20", "40", "60", "80", "100"], labels);
    }

    [Fact]
    public async Task All_wrong_and_all_right_runs_both_read_0_to_100_percent()
    {
        var wrong = RunReport.Load(await RunAsync("giving-up", _ => new GivingUpSolver(), 8));
        var right = RunReport.Load(await RunAsync("reference", b => new ReferenceSolver(b), 8));
        Assert.Equal(0, wrong.Summary.Pass1);
        Assert.Equal(1, right.Summary.Pass1);
        foreach (var run in new[] { wrong, right })
        {
            AssertPercentAxis(PlotNamed(run, "accuracy-by-level.png"));
            AssertPercentAxis(PlotNamed(run, "accuracy-vs-tokens.png"));
        }
    }

    [Fact]
    public async Task Histogram_counts_are_whole_samples()
    {
        var run = RunReport.Load(await RunAsync("reference", b => new ReferenceSolver(b), 7));
        var plot = PlotNamed(run, "reply-length.png");
        plot.GetImage(720, 420).Dispose();
        var ticks = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).ToArray();
        Assert.True(ticks.Length >= 2, "no count ticks");
        Assert.All(ticks, t => Assert.Equal(Math.Round(t.Position), t.Position));
        Assert.All(ticks, t => Assert.DoesNotContain(".", t.Label, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_plot_titled_tokens_plots_tokens_and_one_without_token_counts_says_characters()
    {
        var counted = PlotNamed(RunReport.Load(await RunAsync("giving-up", _ => new GivingUpSolver(), 5)), "accuracy-vs-tokens.png");
        Assert.Contains("tokens", counted.Axes.Title.Label.Text, StringComparison.Ordinal);
        var xs = counted.GetPlottables().OfType<ScottPlot.Plottables.Scatter>().Single().Data.GetScatterPoints().Select(p => p.X).ToArray();
        Assert.All(xs, x => Assert.Equal(GivingUpSolver.Tokens, x));
        Assert.Equal(0, counted.Axes.Bottom.Range.Min);

        var uncounted = PlotNamed(RunReport.Load(await RunAsync("reference", b => new ReferenceSolver(b), 5)), "accuracy-vs-tokens.png");
        Assert.DoesNotContain("tokens", uncounted.Axes.Title.Label.Text, StringComparison.Ordinal);
        Assert.Contains("characters", uncounted.Axes.Bottom.Label.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_page_shows_the_plots_and_marks_a_limit_run_as_a_subset()
    {
        var runDir = await RunAsync("giving-up", _ => new GivingUpSolver(), 5);
        var outDir = Path.Combine(_dir, "report");
        var run = RunReport.Load(runDir);
        Assert.All(ReportPlots.Build(run), p => Assert.Contains("5 of 500", p.Plot.Axes.Title.Label.Text, StringComparison.Ordinal));
        ReportWriter.Write([run], outDir);
        await using var chromium = await HeadlessChromium.StartAsync();
        var page = await chromium.OpenAsync(Path.Combine(outDir, "report.html"));

        Assert.Contains("subset: 5 of 500", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        var images = page.Locator("img");
        Assert.Equal(3, await images.CountAsync());
        for (var i = 0; i < 3; i++)
        {
            Assert.True(await images.Nth(i).EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0") > 100, $"plot {i} did not decode");
            var shot = await images.Nth(i).ScreenshotAsync();
            Assert.True(await HeadlessChromium.DistinctColoursAsync(page, shot) > 10, $"plot {i} renders blank");
            Keep(shot, $"plot{i}.png");
        }
        Keep(await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true }), "report.png");
    }

    private static void Keep(byte[] png, string name)
    {
        if (Environment.GetEnvironmentVariable("REASONFLUX_SCREENSHOT_DIR") is { Length: > 0 } dir)
            File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(dir).FullName, name), png);
    }
}
