using Microsoft.Playwright;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Reports;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Tests;

namespace ReasonFlux.Evaluation.Tests.Reports;

/// <summary>report.html of a real run (MATH500's first problems answered by their reference solutions), opened in headless Chromium.</summary>
public sealed class ReportHtmlInChromiumTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-report-html-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<string> WriteReportAsync(int limit)
    {
        var builtIn = BenchmarkCatalog.Find("math500")!;
        var benchmark = BenchmarkLoader.Load(builtIn, SharedData.Path($"benchmarks/{builtIn.FileName}"));
        var runDir = Path.Combine(_dir, "run");
        var manifest = RunManifest.Create(benchmark.Name, benchmark.Sha256, "reference", "", 1, new Dictionary<string, string>());
        using (var store = EvalRun.Open(runDir, manifest, benchmark.Take(limit), resume: false))
        {
            await new EvalRunner(new ReferenceSolver(benchmark), new EvalRunOptions { Concurrency = 2, Limit = limit })
                .RunAsync(benchmark, store, null, TestContext.Current.CancellationToken);
        }
        var outDir = Path.Combine(_dir, "report");
        ReportWriter.Write([RunReport.Load(runDir)], outDir);
        return Path.Combine(outDir, "report.html");
    }

    [Fact]
    public async Task Screenshot_shows_the_summary_table_plots_and_problem_list()
    {
        var html = await WriteReportAsync(limit: 12);
        await using var chromium = await HeadlessChromium.StartAsync();
        var page = await chromium.OpenAsync(html);

        var table = page.Locator("table").First;
        Assert.True(await table.IsVisibleAsync());
        var row = await table.Locator("tr").Nth(1).InnerTextAsync();
        Assert.Contains("math500", row, StringComparison.Ordinal);
        Assert.Contains("100.0%", row, StringComparison.Ordinal);
        Assert.True(await HeadlessChromium.DistinctColoursAsync(page, await table.ScreenshotAsync()) > 20, "the summary table screenshot has no rendered text");

        var images = page.Locator("img");
        Assert.True(await images.CountAsync() >= 2, "expected the run's plots");
        for (var i = 0; i < await images.CountAsync(); i++)
        {
            var width = await images.Nth(i).EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0");
            Assert.True(width > 100, $"plot {i} did not decode in the browser");
            Assert.True(await HeadlessChromium.DistinctColoursAsync(page, await images.Nth(i).ScreenshotAsync()) > 10, $"plot {i} renders blank");
        }

        Assert.Equal(12, await page.Locator("details > summary").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true, Path = Path.Combine(_dir, "report.png") });
    }

    [Fact]
    public async Task Clicking_a_problem_drills_down_to_gold_answer_and_reply()
    {
        var html = await WriteReportAsync(limit: 3);
        await using var chromium = await HeadlessChromium.StartAsync();
        var page = await chromium.OpenAsync(html);

        var problem = page.Locator("details").First;
        var gold = problem.Locator("code").First;
        Assert.False(await gold.IsVisibleAsync());
        await problem.Locator("summary").ClickAsync();
        Assert.True(await gold.IsVisibleAsync());
        var text = await problem.InnerTextAsync();
        Assert.Contains("Problem", text, StringComparison.Ordinal);
        Assert.Contains("sample 0: answer", text, StringComparison.Ordinal);
        Assert.Contains("correct", text, StringComparison.Ordinal);
        Assert.True(await HeadlessChromium.DistinctColoursAsync(page, await problem.ScreenshotAsync()) > 20);
    }
}
