using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;

namespace ReasonFlux.Templates;

/// <summary>The embedding generators ReasonFlux uses for template retrieval.</summary>
public static class Embedders
{
    /// <summary>all-MiniLM-L6-v2 in process (ONNX on the CPU): the default, needs no server.</summary>
    public static IEmbeddingGenerator<string, Embedding<float>> MiniLm() => new MiniLmEmbeddingGenerator();

    /// <summary>
    /// Snowflake arctic-embed-xs in process (ONNX on the CPU): a retrieval-tuned model of MiniLM's size. Embeds documents;
    /// queries go through <see cref="ForQueries"/>, which adds the instruction the model expects before a query.
    /// </summary>
    public static IEmbeddingGenerator<string, Embedding<float>> ArcticXs() => new ArcticXsEmbeddingGenerator();

    /// <summary>The names <see cref="InProcess"/> accepts: <c>minilm</c> (the default) and <c>arctic-xs</c>.</summary>
    public static IReadOnlyList<string> InProcessNames { get; } = ["minilm", "arctic-xs"];

    /// <summary>An in-process embedder by name (one of <see cref="InProcessNames"/>, case-insensitive), for command-line choices.</summary>
    /// <exception cref="ArgumentException">The name is not one of <see cref="InProcessNames"/>.</exception>
    public static IEmbeddingGenerator<string, Embedding<float>> InProcess(string name) => name?.ToLowerInvariant() switch
    {
        "minilm" => MiniLm(),
        "arctic-xs" => ArcticXs(),
        _ => throw new ArgumentException($"unknown embedder '{name}': expected {string.Join(" or ", InProcessNames)}", nameof(name)),
    };

    /// <summary>
    /// The generator to embed search queries with: the query side of a model trained with a query instruction
    /// (<see cref="ArcticXs"/>), else <paramref name="embedder"/> itself (MiniLM and most servers embed both sides alike).
    /// </summary>
    public static IEmbeddingGenerator<string, Embedding<float>> ForQueries(IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        return embedder.GetService<ArcticXsEmbeddingGenerator>()?.Queries ?? embedder;
    }

    /// <summary>
    /// Any OpenAI-compatible embeddings server (vLLM, llama.cpp, Ollama, OpenAI, a jina-embeddings-v3 host).
    /// <paramref name="endpoint"/> is the API base, e.g. <c>http://localhost:8000/v1</c>; requests go to <c>{endpoint}/embeddings</c>.
    /// </summary>
    public static IEmbeddingGenerator<string, Embedding<float>> OpenAICompatible(Uri endpoint, string model, string? apiKey)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        // Local servers usually ignore the key, but the client insists on one.
        var client = new EmbeddingClient(model, new ApiKeyCredential(string.IsNullOrEmpty(apiKey) ? "unused" : apiKey),
            new OpenAIClientOptions { Endpoint = endpoint });
        return client.AsIEmbeddingGenerator();
    }
}
