using System.Diagnostics.CodeAnalysis;

namespace ReasonFlux.Templates;

/// <summary>
/// How a <see cref="TemplateIndex"/> is built. The fusion and BM25 parameters are research knobs, marked
/// <c>[Experimental("RFX001")]</c>: the bench's <c>templates-quality</c> sweep tunes them, the CLI does not expose them,
/// and they may change or go without notice. Using one means suppressing RFX001.
/// </summary>
public sealed record TemplateIndexOptions
{
    /// <summary>Told (embedded texts, texts to embed) after each embedding batch of a build; not told when the cache has every vector.</summary>
    public IProgress<(int Done, int Total)>? Progress { get; init; }

    /// <summary>
    /// The text flat search embeds (and BM25 indexes) for each template. Default: name, tags, description, scenarios
    /// and steps, the best measured choice (see <see cref="RetrievalEvaluation"/>).
    /// </summary>
    public TemplateTextFields FlatFields { get; init; } = TemplateTextFields.Default | TemplateTextFields.Steps;

    /// <summary>
    /// How flat search scores templates. Default: <see cref="TemplateScoring.JointHybrid"/> (embedding and BM25 fused by
    /// reciprocal rank), the best measured choice on the official library, with one vector per template.
    /// </summary>
    public TemplateScoring Scoring { get; init; } = TemplateScoring.JointHybrid;

    /// <summary>
    /// Reciprocal rank fusion constant k in 1/(k + rank) for the hybrid scorings: smaller trusts each ranking's first
    /// places more. Default: 10, measured best on the official library (recall@5 0.778 against 0.749 with the RRF
    /// paper's 60; 5 to 30 all score within 0.02, see the bench's <c>templates-quality</c> scenario).
    /// </summary>
    [Experimental("RFX001")]
    public double FusionSmoothing { get; init; } = DefaultFusionSmoothing;

    internal const double DefaultFusionSmoothing = 10;

    /// <summary>Weight of the BM25 ranking against the embedding ranking (weight 1) in the hybrid scorings. Default: 1.</summary>
    [Experimental("RFX001")]
    public double LexicalWeight { get; init; } = 1;

    /// <summary>BM25 term-frequency saturation k1. Default: 1.2.</summary>
    [Experimental("RFX001")]
    public double LexicalK1 { get; init; } = 1.2;

    /// <summary>BM25 length normalisation b (0 none, 1 full). Default: 0.75.</summary>
    [Experimental("RFX001")]
    public double LexicalB { get; init; } = 0.75;

    /// <summary>How many times BM25 counts a template's name and tags (field weighting by repetition). Default: 1.</summary>
    [Experimental("RFX001")]
    public int LexicalNameWeight { get; init; } = 1;

    /// <summary>
    /// Where embeddings are cached. Default (null): <c>$REASONFLUX_CACHE</c>, else the user's cache folder + <c>reasonflux</c>.
    /// </summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Read and write the on-disk cache. Default: true.</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>Identifies the embedding model in cache keys. Default (null): taken from the generator's metadata.</summary>
    public string? ModelId { get; init; }

    /// <summary>Texts sent to the embedder per call. Default: 32.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>The resolved cache directory.</summary>
    public string ResolveCacheDirectory() => CacheRoot.Resolve(CacheDirectory);
}
