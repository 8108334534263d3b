using ReasonFlux.Templates;

namespace ReasonFlux.Reasoning.Hosting;

/// <summary>Opens the template index of a named library: the embedded starter, the pulled official one, or a file.</summary>
public static class TemplateIndexes
{
    /// <summary>Loads the library and builds (or loads from the cache) its MiniLM embedding index.</summary>
    /// <param name="library"><c>starter</c> or null (embedded), <c>official</c> (after <c>templates pull</c>), or a JSON file path.</param>
    /// <param name="cacheDir">Cache root. Null: <see cref="CacheRoot.Resolve"/>.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <exception cref="FileNotFoundException">The library file, or the official library, is not there.</exception>
    public static Task<TemplateIndex> OpenAsync(string? library, string? cacheDir, CancellationToken cancellationToken = default) =>
        OpenAsync(library, cacheDir, null, cancellationToken);

    /// <summary>Loads the library and builds (or loads from the cache) its MiniLM embedding index, telling <paramref name="progress"/> how far the embedding is.</summary>
    /// <param name="library"><c>starter</c> or null (embedded), <c>official</c> (after <c>templates pull</c>), or a JSON file path.</param>
    /// <param name="cacheDir">Cache root. Null: <see cref="CacheRoot.Resolve"/>.</param>
    /// <param name="progress">Told (embedded, total) while templates are embedded (not when the index loads from the cache); null for none.</param>
    /// <param name="cancellationToken">Cancels the build.</param>
    /// <exception cref="FileNotFoundException">The library file, or the official library, is not there.</exception>
    public static async Task<TemplateIndex> OpenAsync(string? library, string? cacheDir, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken = default)
    {
        var cache = CacheRoot.Resolve(cacheDir);
        var templates = library switch
        {
            null or "starter" => TemplateLibrary.LoadStarter(),
            "official" => File.Exists(OfficialLibrary.CachedPath(cache))
                ? TemplateLibrary.Load(OfficialLibrary.CachedPath(cache))
                : throw new FileNotFoundException("the official library is not downloaded yet; run `reasonflux templates pull`", OfficialLibrary.CachedPath(cache)),
            var path => File.Exists(path) ? TemplateLibrary.Load(path) : throw new FileNotFoundException($"{path}: template library file not found", path),
        };
        return await TemplateIndex.BuildAsync(templates, Embedders.MiniLm(cache), new TemplateIndexOptions { CacheDirectory = cache, Progress = progress }, cancellationToken).ConfigureAwait(false);
    }
}
