using ReasonFlux.Tests;

namespace ReasonFlux.Templates.Tests;

/// <summary>The retrieval evaluation hands each choice's Progress to its index build and times the build (real MiniLM, small library file).</summary>
public sealed class RetrievalProgressTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Eval_retrieval_reports_index_progress_and_time_on_a_fresh_cache()
    {
        using var dir = new TempDir();
        var library = TemplateLibrary.Load(dir.Write("library.json", LibraryJson.Wrap(
            LibraryJson.Template("Linear Recurrence Method"), LibraryJson.Template("Telescoping Sum", """["Decompose the term", "Cancel"]"""))));
        var reports = new RecordingProgress<(int Done, int Total)>();
        var options = new TemplateIndexOptions { CacheDirectory = dir.File("cache"), Progress = reports };

        var report = await RetrievalEvaluation.RunAsync(library, Embedders.MiniLm(), options, Ct);

        Assert.Equal(2, report.Queries);
        Assert.NotEmpty(reports.Values);
        var last = reports.Values[^1];
        Assert.True(last.Total > 0);
        Assert.Equal(last.Total, last.Done);
        Assert.True(report.IndexTime > TimeSpan.Zero);
        Assert.False(report.IndexFromCache);
        Assert.True(report.IsDefault); // a progress reporter changes no result, so the row is still the default

        var again = new RecordingProgress<(int Done, int Total)>();
        var cached = await RetrievalEvaluation.RunAsync(library, Embedders.MiniLm(), options with { Progress = again }, Ct);
        Assert.True(cached.IndexFromCache);
        Assert.Empty(again.Values);
    }
}
