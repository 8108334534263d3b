using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Models.Tests.Loopback;
using ReasonFlux.Tests;

namespace ReasonFlux.Evaluation.Tests;

/// <summary>
/// Tests that run alone: those that set process environment variables (no other test may see the change) and those
/// that keep every core busy (embedding templates), which would push other tests' timed samples over their limits.
/// </summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;

/// <summary>Benchmarks are cached under the same root as models and templates.</summary>
[Collection(nameof(RunsAlone))]
public sealed class BenchmarkCacheRootTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("rf-eval-env-cache-").FullName;
    private readonly string? _saved = Environment.GetEnvironmentVariable(CacheRoot.Variable);

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(CacheRoot.Variable, _saved);
        Directory.Delete(_cache, recursive: true);
    }

    [Fact]
    public async Task Built_in_benchmark_without_a_cache_dir_is_cached_under_REASONFLUX_CACHE()
    {
        await using var server = LoopbackChatServer.Start();
        var text = await File.ReadAllTextAsync(SharedData.Path("benchmarks/aime25.jsonl"), TestContext.Current.CancellationToken);
        server.Responder = _ => new LoopbackReply { Body = text, ContentType = "application/jsonl" };
        Environment.SetEnvironmentVariable(CacheRoot.Variable, _cache);

        var loaded = await BenchmarkSource.LoadAsync("aime25", new BenchmarkSourceOptions { SourceUrl = new Uri($"http://127.0.0.1:{server.Port}/aime25.jsonl") },
            null, TestContext.Current.CancellationToken);

        Assert.Equal(Path.Combine(_cache, "benchmarks", "aime25.jsonl"), loaded.SourcePath);
    }
}
