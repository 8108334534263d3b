using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Templates;

/// <summary>
/// Embedding index over a <see cref="TemplateLibrary"/>: flat search over each template's text and the original's
/// hierarchical search over chapter, section and template names. Vectors are cached on disk per embedding model
/// and library content, so a second build embeds nothing.
/// </summary>
public sealed class TemplateIndex : ITemplateIndex
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly ThoughtTemplate[] _templates;
    private readonly VectorMatrix _flat;
    private readonly VectorMatrix _names;
    private readonly VectorMatrix _chapters;
    private readonly VectorMatrix _sections;
    private readonly int[][] _sectionsOfChapter;
    private readonly int[][] _templatesOfSection;

    private TemplateIndex(IEmbeddingGenerator<string, Embedding<float>> embedder, Layout layout, Func<string, float[]> vectorOf, int dims, int embedded, bool fromCache)
    {
        _embedder = embedder;
        _templates = layout.Templates;
        _flat = Fill(layout.FlatTexts, vectorOf, dims);
        _names = Fill([.. _templates.Select(t => t.Name)], vectorOf, dims);
        _chapters = Fill(layout.Chapters, vectorOf, dims);
        _sections = Fill([.. layout.Sections.Select(s => s.Name)], vectorOf, dims);
        _sectionsOfChapter = layout.SectionsOfChapter;
        _templatesOfSection = layout.TemplatesOfSection;
        EmbeddedTexts = embedded;
        LoadedFromCache = fromCache;
    }

    /// <summary>The indexed templates, in library order.</summary>
    public IReadOnlyList<ThoughtTemplate> Templates => _templates;

    /// <summary>How many texts the build sent to the embedder (0 when everything came from the cache).</summary>
    public int EmbeddedTexts { get; }

    /// <summary>True when the build found a complete cache file for this model and library.</summary>
    public bool LoadedFromCache { get; }

    /// <summary>Vector length of the embedding model.</summary>
    public int Dimensions => _flat.Dims;

    /// <summary>Builds (or loads from the cache) the index of <paramref name="library"/> with <paramref name="embedder"/>.</summary>
    public static async Task<TemplateIndex> BuildAsync(TemplateLibrary library, IEmbeddingGenerator<string, Embedding<float>> embedder, TemplateIndexOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.FlatFields == TemplateTextFields.None) throw new ArgumentException("FlatFields must name at least one field", nameof(options));
        if (library.Templates.Count == 0) throw new ArgumentException($"library {library.Source} has no templates", nameof(library));

        var layout = Layout.Of(library, options.FlatFields);
        var needed = layout.AllTexts().Distinct(StringComparer.Ordinal).ToDictionary(EmbeddingStore.Key, t => t);
        var modelId = options.ModelId ?? ModelIdOf(embedder);
        string? cacheFile = null;
        Dictionary<UInt128, float[]> vectors = [];
        if (options.UseCache)
        {
            var folder = EmbeddingStore.ModelFolder(options.ResolveCacheDirectory(), modelId);
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{modelId}\n{(int)options.FlatFields}\n{library.ContentHash}")))[..32];
            cacheFile = Path.Combine(folder, key + ".bin");
            var cached = EmbeddingStore.TryRead(cacheFile);
            if (cached is not null && needed.Keys.All(cached.ContainsKey))
            {
                return new TemplateIndex(embedder, layout, t => cached[EmbeddingStore.Key(t)], cached.First().Value.Length, 0, fromCache: true);
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
        }

        var dims = vectors.First().Value.Length;
        if (vectors.Values.Any(v => v.Length != dims)) throw new InvalidOperationException($"embedding model {modelId} returned vectors of different lengths");
        if (cacheFile is not null) EmbeddingStore.Write(cacheFile, vectors, dims);
        return new TemplateIndex(embedder, layout, t => vectors[EmbeddingStore.Key(t)], dims, missing.Count, fromCache: false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TemplateHit>> SearchAsync(string query, int k, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var q = await EmbedQueryAsync(query, ct).ConfigureAwait(false);
        return Search(q, k);
    }

    /// <summary>Flat search with an already embedded query (any length; it is normalised here).</summary>
    public IReadOnlyList<TemplateHit> Search(ReadOnlySpan<float> queryVector, int k)
    {
        var q = queryVector.ToArray();
        VectorMatrix.Normalise(q);
        return [.. _flat.TopK(q, k).Select(h => new TemplateHit(_templates[h.Row], h.Score))];
    }

    /// <summary>1-based rank of template row <paramref name="row"/> for a query vector (ties count in its favour).</summary>
    internal int RankOf(ReadOnlySpan<float> queryVector, int row)
    {
        var q = queryVector.ToArray();
        VectorMatrix.Normalise(q);
        var target = _flat.Score(row, q);
        var rank = 1;
        for (var i = 0; i < _flat.Rows; i++)
        {
            if (_flat.Score(i, q) > target) rank++;
        }
        return rank;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TemplateHit>> SearchHierarchicalAsync(string category, string direction, string method, int k, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        var vectors = await EmbedManyAsync([Or(category, method), Or(direction, method), method], ct).ConfigureAwait(false);
        var chapter = _chapters.TopK(vectors[0], 1)[0].Row;
        var hits = new List<TemplateHit>();
        foreach (var (section, sectionScore) in _sections.TopK(vectors[1], 2, _sectionsOfChapter[chapter]))
        {
            foreach (var (row, methodScore) in _names.TopK(vectors[2], k, _templatesOfSection[section]))
            {
                hits.Add(new TemplateHit(_templates[row], (0.9f * methodScore) + (0.1f * sectionScore)));
            }
        }
        return [.. hits.OrderByDescending(h => h.Score).Take(k)];
    }

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

    private async Task<float[]> EmbedQueryAsync(string query, CancellationToken ct) => (await EmbedManyAsync([query], ct).ConfigureAwait(false))[0];

    private async Task<float[][]> EmbedManyAsync(string[] texts, CancellationToken ct)
    {
        var embeddings = await _embedder.GenerateAsync(texts, cancellationToken: ct).ConfigureAwait(false);
        return [.. embeddings.Select(e =>
        {
            var v = e.Vector.ToArray();
            if (v.Length != Dimensions) throw new InvalidOperationException($"query vector has {v.Length} dimensions, the index {Dimensions}");
            VectorMatrix.Normalise(v);
            return v;
        })];
    }

    private static VectorMatrix Fill(string[] texts, Func<string, float[]> vectorOf, int dims)
    {
        var matrix = new VectorMatrix(texts.Length, dims);
        for (var i = 0; i < texts.Length; i++) matrix.Set(i, vectorOf(texts[i]));
        return matrix;
    }

    internal static string ModelIdOf(IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        var meta = embedder.GetService<EmbeddingGeneratorMetadata>();
        if (meta?.DefaultModelId is null) throw new ArgumentException("the embedding generator does not report a model id; set TemplateIndexOptions.ModelId", nameof(embedder));
        return $"{meta.ProviderName}|{meta.ProviderUri}|{meta.DefaultModelId}";
    }

    /// <summary>The flat text of a template for a choice of fields.</summary>
    public static string FlatText(ThoughtTemplate template, TemplateTextFields fields)
    {
        ArgumentNullException.ThrowIfNull(template);
        var parts = new List<string>();
        if (fields.HasFlag(TemplateTextFields.Name)) parts.Add(template.Name);
        if (fields.HasFlag(TemplateTextFields.Type)) parts.Add(template.Type);
        if (fields.HasFlag(TemplateTextFields.Tags)) parts.Add(string.Join(", ", template.Tags));
        if (fields.HasFlag(TemplateTextFields.Description)) parts.Add(template.Description);
        if (fields.HasFlag(TemplateTextFields.Scenarios)) parts.AddRange(template.Scenarios);
        if (fields.HasFlag(TemplateTextFields.Steps)) parts.AddRange(template.Steps);
        if (fields.HasFlag(TemplateTextFields.Example)) parts.AddRange(new[] { template.ExampleProblem, template.ExampleSolution, template.ExampleAnswer }.OfType<string>());
        return string.Join("\n", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
    }

    /// <summary>The texts an index embeds, and how chapters, sections and templates nest.</summary>
    private sealed record Layout(ThoughtTemplate[] Templates, string[] FlatTexts, string[] Chapters, (int Chapter, string Name)[] Sections, int[][] SectionsOfChapter, int[][] TemplatesOfSection)
    {
        public static Layout Of(TemplateLibrary library, TemplateTextFields fields)
        {
            var templates = library.Templates.ToArray();
            var chapters = templates.Select(t => t.Chapter).Distinct(StringComparer.Ordinal).ToArray();
            var chapterIndex = chapters.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
            var sections = templates.Select(t => (Chapter: chapterIndex[t.Chapter], Name: t.Section)).Distinct().ToArray();
            var sectionIndex = sections.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
            var templatesOfSection = new List<int>[sections.Length];
            for (var s = 0; s < sections.Length; s++) templatesOfSection[s] = [];
            for (var i = 0; i < templates.Length; i++) templatesOfSection[sectionIndex[(chapterIndex[templates[i].Chapter], templates[i].Section)]].Add(i);
            var sectionsOfChapter = chapters.Select((_, c) => Enumerable.Range(0, sections.Length).Where(s => sections[s].Chapter == c).ToArray()).ToArray();
            return new Layout(templates, [.. templates.Select(t => FlatText(t, fields))], chapters, sections, sectionsOfChapter, [.. templatesOfSection.Select(l => l.ToArray())]);
        }

        public IEnumerable<string> AllTexts() => FlatTexts.Concat(Templates.Select(t => t.Name)).Concat(Chapters).Concat(Sections.Select(s => s.Name));
    }
}
