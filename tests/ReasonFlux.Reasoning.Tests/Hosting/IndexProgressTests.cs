using ReasonFlux.Models;
using ReasonFlux.Reasoning.Hosting;
using ReasonFlux.Reasoning.Tests.Flux;
using ReasonFlux.Tests;

namespace ReasonFlux.Reasoning.Tests.Hosting;

/// <summary>SolverHost hands SolverSettings.IndexProgress to the index build (a real MiniLM build of a small library file).</summary>
public sealed class IndexProgressTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-index-progress-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Flux_host_reports_index_progress_on_a_fresh_cache_and_none_when_loading_from_it()
    {
        var library = Path.Combine(_dir, "library.json");
        await File.WriteAllTextAsync(library, LibraryFixture.LibraryJson, TestContext.Current.CancellationToken);
        var cache = Path.Combine(_dir, "cache");
        var reports = new RecordingProgress<(int Done, int Total)>();
        var settings = new SolverSettings
        {
            Kind = SolverKind.Flux,
            Model = new ModelSpec { Model = SharedData.Stories260K },
            Library = library,
            CacheDir = cache,
            IndexProgress = reports,
        };

        using (var host = await SolverHost.OpenAsync(settings, cancellationToken: TestContext.Current.CancellationToken))
        {
            Assert.NotNull(host.Index);
            Assert.False(host.Index.LoadedFromCache);
            Assert.NotEmpty(reports.Values);
            var last = reports.Values[^1];
            Assert.True(last.Total > 0);
            Assert.Equal(last.Total, last.Done);
            Assert.True(host.IndexTime > TimeSpan.Zero);
        }

        var again = new RecordingProgress<(int Done, int Total)>();
        using var cached = await SolverHost.OpenAsync(settings with { IndexProgress = again }, cancellationToken: TestContext.Current.CancellationToken);
        Assert.True(cached.Index!.LoadedFromCache);
        Assert.Empty(again.Values);
        Assert.NotNull(cached.IndexTime);
    }

    [Fact]
    public async Task Direct_host_without_an_index_has_no_index_time()
    {
        var reports = new RecordingProgress<(int Done, int Total)>();
        using var host = await SolverHost.OpenAsync(new SolverSettings { Model = new ModelSpec { Model = SharedData.Stories260K }, IndexProgress = reports },
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.Null(host.Index);
        Assert.Null(host.IndexTime);
        Assert.Empty(reports.Values);
    }
}
