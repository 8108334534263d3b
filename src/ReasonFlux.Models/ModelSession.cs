using Microsoft.Extensions.AI;
using ReasonFlux.Models.Formats;

namespace ReasonFlux.Models;

/// <summary>An opened model: the chat client to call and whatever must be released with it.</summary>
public sealed class ModelSession : IDisposable
{
    private readonly IDisposable? _local;

    internal ModelSession(IChatClient client, string modelId, IDisposable? local, ChatFormat? format)
    {
        Client = client;
        ModelId = modelId;
        _local = local;
        Format = format;
    }

    /// <summary>The chat client (backend plus middleware).</summary>
    public IChatClient Client { get; }

    /// <summary>The model's id: a GGUF file name or the server's model name.</summary>
    public string ModelId { get; }

    /// <summary>The prompt format of an in-process model, or the format the user declared for a server; null if unknown.</summary>
    public ChatFormat? Format { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        Client.Dispose();
        _local?.Dispose();
    }
}
