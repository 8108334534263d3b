using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Templates.Indexing;

/// <summary>
/// The index store: every text of a layout with its vector, read from the on-disk cache (<see cref="EmbeddingStore"/>)
/// when it has them all, else embedded (reusing the model's other cache files) and written back.
/// </summary>
internal sealed class IndexVectors
{
    private readonly Dictionary<UInt128, float[]> _vectors;

    private IndexVectors(Dictionary<UInt128, float[]> vectors, int dims, int embedded, bool fromCache)
    {
        _vectors = vectors;
        Dimensions = dims;
        EmbeddedTexts = embedded;
        LoadedFromCache = fromCache;
    }

    public int Dimensions { get; }
    public int EmbeddedTexts { get; }
    public bool LoadedFromCache { get; }

    /// <summary>A matrix of the (unit-length) vectors of <paramref name="texts"/>, in order.</summary>
    public VectorMatrix Matrix(string[] texts, bool compact = false)
    {
        var matrix = new VectorMatrix(texts.Length, Dimensions, compact);
        for (var i = 0; i < texts.Length; i++) matrix.Set(i, _vectors[EmbeddingStore.Key(texts[i])]);
        return matrix;
    }

    public static async Task<IndexVectors> LoadOrEmbedAsync(TemplateLibrary library, IndexLayout layout, IEmbeddingGenerator<string, Embedding<float>> embedder, TemplateIndexOptions options, CancellationToken ct)
    {
        var needed = layout.AllTexts().Distinct(StringComparer.Ordinal).ToDictionary(EmbeddingStore.Key, t => t);
        var modelId = options.ModelId ?? ModelIdOf(embedder);
        string? cacheFile = null;
        Dictionary<UInt128, float[]> vectors = [];
        if (options.UseCache)
        {
            var folder = EmbeddingStore.ModelFolder(options.ResolveCacheDirectory(), modelId);
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{modelId}\n{(int)options.FlatFields}\n{layout.FieldTexts.Length > 0}\n{library.ContentHash}")))[..32];
            cacheFile = Path.Combine(folder, key + ".bin");
            var cached = EmbeddingStore.TryRead(cacheFile);
            if (cached is not null && needed.Keys.All(cached.ContainsKey))
            {
                return new IndexVectors(cached, cached.First().Value.Length, 0, fromCache: true);
            }
            foreach (var (k, v) in EmbeddingStore.ReadSiblings(folder, cacheFile))
            {
                if (needed.ContainsKey(k)) vectors[k] = v;
            }
        }

        var missing = needed.Where(p => !vectors.ContainsKey(p.Key)).Select(p => p.Value).ToList();
        var batch = Math.Max(1, options.BatchSize);
        for (var start = 0; start < missing.Count; start += batch)
        {
            var texts = missing.GetRange(start, Math.Min(batch, missing.Count - start));
            var embeddings = await embedder.GenerateAsync(texts, cancellationToken: ct).ConfigureAwait(false);
            if (embeddings.Count != texts.Count) throw new InvalidOperationException($"embedding model {modelId} returned {embeddings.Count} vectors for {texts.Count} texts");
            for (var i = 0; i < texts.Count; i++) vectors[EmbeddingStore.Key(texts[i])] = embeddings[i].Vector.ToArray();
            options.Progress?.Report((start + texts.Count, missing.Count));
        }

        var dims = vectors.First().Value.Length;
        if (vectors.Values.Any(v => v.Length != dims)) throw new InvalidOperationException($"embedding model {modelId} returned vectors of different lengths");
        if (cacheFile is not null) EmbeddingStore.Write(cacheFile, vectors, dims);
        return new IndexVectors(vectors, dims, missing.Count, fromCache: false);
    }

    internal static string ModelIdOf(IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        var meta = embedder.GetService<EmbeddingGeneratorMetadata>();
        if (meta?.DefaultModelId is null) throw new ArgumentException("the embedding generator does not report a model id; set TemplateIndexOptions.ModelId", nameof(embedder));
        return $"{meta.ProviderName}|{meta.ProviderUri}|{meta.DefaultModelId}";
    }
}
