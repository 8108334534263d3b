using Microsoft.Extensions.AI;
using ReasonFlux.Templates.Indexing;

namespace ReasonFlux.Templates;

/// <summary>
/// Embedding index over a <see cref="TemplateLibrary"/>: flat search over each template's text and the original's
/// hierarchical search over chapter, section and template names. Vectors are cached on disk per embedding model
/// and library content, so a second build embeds nothing. A facade over the index store (<c>IndexVectors</c>), one
/// scorer per <see cref="TemplateScoring"/> and the flat and hierarchical search strategies (see docs/ARCHITECTURE.md).
/// </summary>
public sealed class TemplateIndex : ITemplateIndex
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly ThoughtTemplate[] _templates;
    private readonly FlatSearch _flat;
    private readonly HierarchicalSearch _hierarchical;

    private TemplateIndex(IEmbeddingGenerator<string, Embedding<float>> embedder, TemplateIndexOptions options, IndexLayout layout, IndexVectors vectors)
    {
        _embedder = embedder;
        _templates = layout.Templates;
        Scoring = options.Scoring;
        _flat = new FlatSearch(_templates, Scorers.For(options.Scoring, options, layout, vectors));
        _hierarchical = new HierarchicalSearch(layout, vectors);
        Dimensions = vectors.Dimensions;
        EmbeddedTexts = vectors.EmbeddedTexts;
        LoadedFromCache = vectors.LoadedFromCache;
    }

    /// <summary>The indexed templates, in library order.</summary>
    public IReadOnlyList<ThoughtTemplate> Templates => _templates;

    /// <summary>How many texts the build sent to the embedder (0 when everything came from the cache).</summary>
    public int EmbeddedTexts { get; }

    /// <summary>True when the build found a complete cache file for this model and library.</summary>
    public bool LoadedFromCache { get; }

    /// <summary>Vector length of the embedding model.</summary>
    public int Dimensions { get; }

    /// <summary>How this index scores flat search (from <see cref="TemplateIndexOptions.Scoring"/>).</summary>
    public TemplateScoring Scoring { get; }

    /// <summary>Builds (or loads from the cache) the index of <paramref name="library"/> with <paramref name="embedder"/>.</summary>
    public static async Task<TemplateIndex> BuildAsync(TemplateLibrary library, IEmbeddingGenerator<string, Embedding<float>> embedder, TemplateIndexOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.FlatFields == TemplateTextFields.None) throw new ArgumentException("FlatFields must name at least one field", nameof(options));
        if (library.Templates.Count == 0) throw new ArgumentException($"library {library.Source} has no templates", nameof(library));

        var layout = IndexLayout.Of(library, options.FlatFields, options.Scoring);
        var vectors = await IndexVectors.LoadOrEmbedAsync(library, layout, embedder, options, ct).ConfigureAwait(false);
        return new TemplateIndex(embedder, options, layout, vectors);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TemplateHit>> SearchAsync(string query, int k, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var q = _flat.NeedsVector ? (await EmbedManyAsync([query], ct).ConfigureAwait(false))[0] : null;
        return _flat.Top(q, query, k);
    }

    /// <summary>
    /// Flat search with an already embedded query (any length; it is normalised here). Without the query text the
    /// lexical part is left out: <see cref="TemplateScoring.Lexical"/> and <see cref="TemplateScoring.Hybrid"/> score
    /// as <see cref="TemplateScoring.JointAndFieldMax"/>, <see cref="TemplateScoring.JointHybrid"/> as <see cref="TemplateScoring.Joint"/>.
    /// </summary>
    public IReadOnlyList<TemplateHit> Search(ReadOnlySpan<float> queryVector, int k)
    {
        var q = queryVector.ToArray();
        VectorMatrix.Normalise(q);
        return _flat.Top(q, null, k);
    }

    /// <summary>1-based rank of template row <paramref name="row"/> for a query (ties count in its favour).</summary>
    internal int RankOf(string query, ReadOnlySpan<float> queryVector, int row)
    {
        var q = queryVector.ToArray();
        VectorMatrix.Normalise(q);
        return _flat.RankOf(q, query, row);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TemplateHit>> SearchHierarchicalAsync(string category, string direction, string method, int k, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        var vectors = await EmbedManyAsync([Or(category, method), Or(direction, method), method], ct).ConfigureAwait(false);
        return _hierarchical.Top(vectors[0], vectors[1], vectors[2], k);
    }

    /// <summary>The flat text of a template for a choice of fields.</summary>
    public static string FlatText(ThoughtTemplate template, TemplateTextFields fields)
    {
        ArgumentNullException.ThrowIfNull(template);
        return IndexLayout.FlatText(template, fields);
    }

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

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
}
