using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Reports;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Tests;

namespace ReasonFlux.Evaluation.Tests.Reports;

/// <summary>File names built from data (the benchmark name in a run's results.db) stay inside the report folder.</summary>
public sealed class ReportFileNameTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-report-names-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("x/../../escaped")]
    [InlineData("x/../../../escaped")]
    [InlineData("..")]
    public async Task A_benchmark_name_with_path_parts_cannot_write_outside_the_report_folder(string name)
    {
        var builtIn = BenchmarkCatalog.Find("aime25")!;
        var benchmark = BenchmarkLoader.Load(builtIn, SharedData.Path($"benchmarks/{builtIn.FileName}"));
        var runDir = Path.Combine(_dir, "runs", "one");
        var manifest = RunManifest.Create(name, benchmark.Sha256, "reference", "", 1, new Dictionary<string, string>());
        using (var store = EvalRun.Open(runDir, manifest, benchmark.Take(3), resume: false))
        {
            await new EvalRunner(new ReferenceSolver(benchmark), new EvalRunOptions { Limit = 3 }).RunAsync(benchmark, store, null, TestContext.Current.CancellationToken);
        }
        var outDir = Path.Combine(_dir, "runs", "report");

        var files = ReportWriter.Write([RunReport.Load(runDir)], outDir, samplesJsonl: true);

        var inside = Path.GetFullPath(outDir) + Path.DirectorySeparatorChar;
        Assert.All(files, f => Assert.StartsWith(inside, Path.GetFullPath(f), StringComparison.Ordinal));
        var written = Directory.GetFiles(_dir, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(Path.GetFullPath(runDir), StringComparison.Ordinal));
        Assert.All(written, f => Assert.StartsWith(inside, f, StringComparison.Ordinal));
    }
}
