using Microsoft.Extensions.AI;

namespace ReasonFlux.Templates.Tests;

/// <summary>Wraps a real embedder and counts the texts it is asked to embed, to prove what the cache saves.</summary>
internal sealed class CountingEmbedder(IEmbeddingGenerator<string, Embedding<float>> inner) : DelegatingEmbeddingGenerator<string, Embedding<float>>(inner)
{
    private int _texts;
    private int _calls;

    public int Texts => _texts;
    public int Calls => _calls;

    public void Reset()
    {
        _texts = 0;
        _calls = 0;
    }

    public override Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        Interlocked.Add(ref _texts, list.Count);
        Interlocked.Increment(ref _calls);
        return base.GenerateAsync(list, options, cancellationToken);
    }
}
