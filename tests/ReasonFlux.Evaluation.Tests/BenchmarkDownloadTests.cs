using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Models.Tests.Loopback;
using ReasonFlux.Tests;

namespace ReasonFlux.Evaluation.Tests;

/// <summary>First-use downloads against a real HTTP server on 127.0.0.1.</summary>
public sealed class BenchmarkDownloadTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("rf-eval-cache-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    [Fact]
    public async Task Built_in_benchmark_is_downloaded_once_verified_and_then_read_from_the_cache()
    {
        await using var server = LoopbackChatServer.Start();
        var text = await File.ReadAllTextAsync(SharedData.Path("benchmarks/aime25.jsonl"), TestContext.Current.CancellationToken);
        server.Responder = _ => new LoopbackReply { Body = text, ContentType = "application/jsonl" };
        var options = new BenchmarkSourceOptions { CacheDir = _cache, SourceUrl = new Uri($"http://127.0.0.1:{server.Port}/aime25.jsonl") };

        var first = await BenchmarkSource.LoadAsync("aime25", options, null, TestContext.Current.CancellationToken);
        var second = await BenchmarkSource.LoadAsync("aime25", options, null, TestContext.Current.CancellationToken);

        Assert.Equal(30, second.Problems.Count);
        Assert.Equal(Path.Combine(_cache, "benchmarks", "aime25.jsonl"), first.SourcePath);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Download_with_the_wrong_checksum_fails_and_leaves_nothing_in_the_cache()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => new LoopbackReply { Body = "{\"problem\":\"tampered\",\"answer\":\"1\"}\n" };
        var options = new BenchmarkSourceOptions { CacheDir = _cache, SourceUrl = new Uri($"http://127.0.0.1:{server.Port}/aime25.jsonl") };

        var ex = await Assert.ThrowsAsync<BenchmarkDownloadException>(() => BenchmarkSource.LoadAsync("aime25", options, null, TestContext.Current.CancellationToken));

        Assert.Contains("expected 19a9f25a", ex.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(_cache, "benchmarks")));
    }

    [Fact]
    public async Task A_download_without_a_declared_size_stops_at_the_cap_and_saves_nothing()
    {
        await using var server = LoopbackChatServer.Start();
        var piece = new string('x', 1 << 16);
        // Chunked, so no Content-Length: 24 MiB that only the cap stops.
        server.Responder = _ => new LoopbackReply { Events = Enumerable.Repeat(piece, 384).ToList() };
        var url = new Uri($"http://127.0.0.1:{server.Port}/aime25.jsonl");
        var options = new BenchmarkSourceOptions { CacheDir = _cache, SourceUrl = url };

        var ex = await Assert.ThrowsAsync<BenchmarkDownloadException>(() => BenchmarkSource.LoadAsync("aime25", options, null, TestContext.Current.CancellationToken));

        Assert.Contains($"{url} sent more than the limit of 16,777,216 bytes", ex.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(_cache, "benchmarks")));
    }

    [Fact]
    public async Task A_failed_download_names_the_benchmark_and_points_at_a_local_copy()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => LoopbackReply.Error(404, "not here");
        var options = new BenchmarkSourceOptions
        {
            CacheDir = _cache, SourceUrl = new Uri($"http://127.0.0.1:{server.Port}/x.jsonl"),
        };
        var ex = await Assert.ThrowsAsync<BenchmarkDownloadException>(() => BenchmarkSource.LoadAsync("math500", options, null, TestContext.Current.CancellationToken));
        Assert.Equal("math500", ex.Benchmark);
        Assert.EndsWith("; download it yourself and read it from the local copy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_error_names_the_url_and_suggests_a_local_file()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => LoopbackReply.Error(404, "not here");
        var options = new BenchmarkSourceOptions { CacheDir = _cache, SourceUrl = new Uri($"http://127.0.0.1:{server.Port}/x.jsonl") };

        var ex = await Assert.ThrowsAsync<BenchmarkDownloadException>(() => BenchmarkSource.LoadAsync("math500", options, null, TestContext.Current.CancellationToken));

        Assert.Contains("HTTP 404", ex.Problem);
        Assert.EndsWith("download it yourself and read it from the local copy", ex.Message, StringComparison.Ordinal);
    }
}
