using Microsoft.Extensions.AI;
using ReasonFlux.Models;
using ReasonFlux.Models.Formats;
using ReasonFlux.Models.Local;
using ReasonFlux.Tests;

namespace ReasonFlux.Reasoning.Tests.Direct;

/// <summary>The real stories260K model behind our in-process client, loaded once.</summary>
public sealed class StoriesClientFixture : IDisposable
{
    private readonly GgufModel _model = GgufModel.Load(SharedData.Stories260K, new GgufModelOptions { ChatFormat = ChatFormat.Raw, Threads = 2 });

    public IChatClient Client => new LocalChatClient(_model);

    public void Dispose() => _model.Dispose();
}
