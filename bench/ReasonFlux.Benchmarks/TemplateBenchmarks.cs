using BenchmarkDotNet.Attributes;
using ReasonFlux.Templates;

namespace ReasonFlux.Benchmarks;

/// <summary>Micro paths of template retrieval over the official library: query embedding, top-k search, warm index load.</summary>
[MemoryDiagnoser]
public class TemplateBenchmarks
{
    private readonly string _cache = Directory.CreateTempSubdirectory("rf-bench-bdn-").FullName;
    private TemplateLibrary _library = null!;
    private TemplateIndex _index = null!;
    private float[] _query = null!;
    private readonly Microsoft.Extensions.AI.IEmbeddingGenerator<string, Microsoft.Extensions.AI.Embedding<float>> _embedder = Embedders.MiniLm();

    private const string Problem = "The sequence satisfies a_1 = 1 and a_{n+1} = 2a_n + 3. Find the general term.";

    [GlobalSetup]
    public async Task Setup()
    {
        _library = TemplateLibrary.Load(TemplateIndexScenario.FindShared("template_library.json"));
        _index = await TemplateIndex.BuildAsync(_library, _embedder, new TemplateIndexOptions { CacheDirectory = _cache });
        _query = (await _embedder.GenerateAsync([Problem]))[0].Vector.ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_cache, recursive: true);

    [Benchmark(Description = "top-5 search, query already embedded")]
    public IReadOnlyList<TemplateHit> SearchOnly() => _index.Search(_query, 5);

    [Benchmark(Description = "flat search incl. MiniLM query embedding")]
    public Task<IReadOnlyList<TemplateHit>> SearchWithEmbedding() => _index.SearchAsync(Problem, 5);

    [Benchmark(Description = "warm index load from disk cache")]
    public Task<TemplateIndex> WarmLoad() => TemplateIndex.BuildAsync(_library, _embedder, new TemplateIndexOptions { CacheDirectory = _cache });
}
