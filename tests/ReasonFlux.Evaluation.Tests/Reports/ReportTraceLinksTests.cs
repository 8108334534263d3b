using Microsoft.Playwright;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Reports;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Grading;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Reasoning.Traces;
using ReasonFlux.Tests;

namespace ReasonFlux.Evaluation.Tests.Reports;

/// <summary>
/// A direct eval run against a loopback model stores each sample's trace in results.db; the report renders them as
/// pages under traces/ and links each sample to its page, whatever the problem ids hold.
/// </summary>
public sealed class ReportTraceLinksTests : IDisposable
{
    private const string Hostile = "../../<script>alert('x')</script>";

    private readonly string _dir = Directory.CreateTempSubdirectory("rf-report-traces-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(string RunDir, string ReportDir)> RunAndReportAsync()
    {
        var benchmark = new Benchmark("hostile", "hostile.jsonl", new string('0', 64),
        [
            new BenchmarkProblem(Hostile, "What is 20 + 22?", "42", AnswerKind.Auto),
            new BenchmarkProblem("q 2", "What is 3 * 3?", "9", AnswerKind.Auto),
        ]);
        await using var server = AnsweringServer.Start(benchmark.Problems, _ => TimeSpan.Zero);
        using var client = OpenAIEndpoint.CreateChatClient(new OpenAIEndpointOptions { Endpoint = server.BaseUri, Model = "m" });
        var runDir = Path.Combine(_dir, "run");
        var manifest = RunManifest.Create(benchmark.Name, benchmark.Sha256, "direct", "m", 2, new Dictionary<string, string>());
        using (var store = EvalRun.Open(runDir, manifest, benchmark.Problems, resume: false))
        {
            await new EvalRunner(new DirectSolver(client, new DirectSolverOptions { MaxTokens = 64 }), new EvalRunOptions { Samples = 2, Concurrency = 2 })
                .RunAsync(benchmark, store, null, Ct);
        }
        var reportDir = Path.Combine(_dir, "report");
        ReportWriter.Write([RunReport.Load(runDir)], reportDir);
        return (runDir, reportDir);
    }

    [Fact]
    public async Task Direct_eval_stores_each_samples_trace_of_its_calls_in_results_db()
    {
        var (runDir, _) = await RunAndReportAsync();

        using var store = ResultStore.Open(runDir);
        var samples = store.ReadSamples();
        Assert.Equal(4, samples.Count);
        foreach (var sample in samples)
        {
            var trace = TraceJson.Deserialize(sample.Trace!);
            var call = Assert.Single(Assert.Single(trace.Samples).Calls);
            Assert.Equal(("direct", "solve", sample.Reply), (trace.Mode, call.Role, call.Reply));
            Assert.Equal((sample.PromptTokens, sample.CompletionTokens), (call.PromptTokens, call.CompletionTokens));
        }
    }

    [Fact]
    public async Task Every_sample_links_to_a_trace_page_inside_the_report_folder_with_a_safe_name()
    {
        var (_, reportDir) = await RunAndReportAsync();

        var pages = Directory.GetFiles(Path.Combine(reportDir, "traces"));
        Assert.Equal(4, pages.Length);
        Assert.All(pages, p => Assert.Matches(@"^run1-p[01]-[A-Za-z0-9._-]+-s[01]\.html$", Path.GetFileName(p)));
        Assert.Empty(Directory.GetFiles(_dir, "*.html", SearchOption.TopDirectoryOnly));
        var html = await File.ReadAllTextAsync(Path.Combine(reportDir, "report.html"), Ct);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        foreach (var page in pages) Assert.Contains($"href=\"traces/{Path.GetFileName(page)}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clicking_a_samples_trace_link_opens_its_trace_page_in_chromium()
    {
        var (_, reportDir) = await RunAndReportAsync();
        await using var chromium = await HeadlessChromium.StartAsync();
        var page = await chromium.OpenAsync(Path.Combine(reportDir, "report.html"));

        var problem = page.Locator("details").First;
        await problem.Locator("summary").ClickAsync();
        Assert.Contains(Hostile, await problem.Locator("summary").InnerTextAsync(), StringComparison.Ordinal);
        await problem.Locator("a.trace").First.ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/traces/run1-p0-.*-s0\.html$"));

        Assert.Equal("42", (await page.Locator("#answer").InnerTextAsync()).Trim());
        Assert.Contains("What is 20 + 22?", await page.Locator(".problem").InnerTextAsync(), StringComparison.Ordinal);
        var call = page.Locator("details.call").First;
        Assert.Contains("solve", await call.Locator("summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await HeadlessChromium.DistinctColoursAsync(page, await page.ScreenshotAsync()) > 20, "the trace page renders blank");
    }
}
