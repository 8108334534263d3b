[assembly: AssemblyFixture(typeof(ReasonFlux.Templates.Tests.OfficialIndexFixture))]

namespace ReasonFlux.Templates.Tests;

/// <summary>
/// Embeds the official library once per test run (MiniLM, tens of seconds on two cores) into a temporary cache
/// that the cache tests then reuse.
/// </summary>
public sealed class OfficialIndexFixture : IAsyncLifetime
{
    private readonly TempDir _cache = new();

    public string CacheDir => _cache.Path;
    public TemplateLibrary Library { get; } = TemplateLibrary.Load(SharedData.OfficialLibrary);
    public TemplateIndex Index { get; private set; } = null!;
    public int TextsEmbeddedByFirstBuild { get; private set; }
    public TemplateIndexOptions Options => new() { CacheDirectory = CacheDir };

    public async ValueTask InitializeAsync()
    {
        var embedder = new CountingEmbedder(Embedders.MiniLm());
        Index = await TemplateIndex.BuildAsync(Library, embedder, Options);
        TextsEmbeddedByFirstBuild = embedder.Texts;
    }

    public ValueTask DisposeAsync()
    {
        _cache.Dispose();
        return ValueTask.CompletedTask;
    }
}
