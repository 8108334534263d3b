using ReasonFlux.Models;
using ReasonFlux.Models.Formats;
using ReasonFlux.Models.Local;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Tests;

namespace ReasonFlux.Server.Tests;

/// <summary>The real server on 127.0.0.1 (free port) serving reasonflux-direct over the in-process stories260K model.</summary>
public sealed class StoriesServerFixture : IAsyncLifetime
{
    private GgufModel? _model;
    private LocalChatClient? _client;

    public ReasonFluxServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _model = GgufModel.Load(SharedData.Stories260K, new GgufModelOptions { ChatFormat = ChatFormat.Raw, Threads = 2 });
        _client = new LocalChatClient(_model);
        Server = await ReasonFluxServer.StartAsync(new ReasonFluxServerOptions
        {
            Port = 0,
            Models = [ServedModels.Direct(_client, new DirectSolverOptions { MaxTokens = 64, StartsInThinking = false })],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        _client?.Dispose();
        _model?.Dispose();
    }
}
