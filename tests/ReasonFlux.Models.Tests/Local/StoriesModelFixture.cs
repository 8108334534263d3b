using ReasonFlux.Models.Formats;
using ReasonFlux.Models.Local;
using ReasonFlux.Tests;

namespace ReasonFlux.Models.Tests.Local;

/// <summary>Loads the real stories260K GGUF once for all in-process tests.</summary>
public sealed class StoriesModelFixture : IDisposable
{
    public GgufModel Model { get; } = GgufModel.Load(SharedData.Stories260K, new GgufModelOptions { ChatFormat = ChatFormat.Raw, Threads = 2 });

    public void Dispose() => Model.Dispose();
}
