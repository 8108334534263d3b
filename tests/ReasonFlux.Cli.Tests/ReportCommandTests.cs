using ReasonFlux.Tests;

namespace ReasonFlux.Cli.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-report-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Report_over_two_runs_writes_markdown_table_html_drill_down_and_png_plots()
    {
        var math = Path.Combine(_dir, "math");
        var aime = Path.Combine(_dir, "aime");
        Assert.Equal(0, (await CliRun.RunAsync("eval", "--benchmark", "math500", "--data", SharedData.Path("benchmarks/math500.jsonl"), "--solver", "reference", "--limit", "40", "--out", math)).ExitCode);
        Assert.Equal(0, (await CliRun.RunAsync("eval", "--benchmark", "aime25", "--data", SharedData.Path("benchmarks/aime25.jsonl"), "--solver", "reference", "--out", aime)).ExitCode);
        var outDir = Path.Combine(_dir, "report");

        var run = await CliRun.RunAsync("report", math, aime, "--out", outDir, "--samples-jsonl");

        Assert.True(run.ExitCode == 0, run.Error);
        var md = await File.ReadAllTextAsync(Path.Combine(outDir, "report.md"), TestContext.Current.CancellationToken);
        Assert.Contains("| run | math500 | aime25 |", md);
        Assert.Contains("| reference | 100.0 | 100.0 |", md);
        Assert.Contains("- problems 40/40 (subset: 40 of 500, --limit), samples 40", md); // the --limit run is marked
        Assert.Contains("- problems 30/30, samples 30", md); // the whole benchmark is not
        var html = await File.ReadAllTextAsync(Path.Combine(outDir, "report.html"), TestContext.Current.CancellationToken);
        Assert.Contains("data:image/png;base64,", html);
        Assert.Contains("<details>", html);
        Assert.Contains("<td>40 (subset: 40 of 500, --limit)</td>", html);
        Assert.Contains("<td>30</td>", html);
        Assert.Contains("test/precalculus/807.json", html); // a MATH500 problem id in the drill-down
        var png = Path.Combine(outDir, "run1-math500-accuracy-by-level.png");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await File.ReadAllBytesAsync(png, TestContext.Current.CancellationToken))[..4]);
        Assert.Equal(30, File.ReadLines(Path.Combine(outDir, "samples_run2_aime25.jsonl")).Count());
    }

    [Fact]
    public async Task Report_on_a_folder_without_a_run_fails_naming_it()
    {
        var run = await CliRun.RunAsync("report", _dir);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(_dir, run.Error);
    }
}
