using Microsoft.Extensions.AI;
using ReasonFlux.Models.Formats;
using ReasonFlux.Tests;

namespace ReasonFlux.Models.Tests.Local;

public sealed class ModelLoaderLocalTests
{
    [Fact]
    public async Task A_gguf_path_is_loaded_through_the_local_backend_found_beside_the_application()
    {
        // Nothing registers a provider in this test project: ModelLoader finds ReasonFlux.Models.Local by itself.
        using var session = await ModelLoader.OpenAsync(new ModelSpec { Model = SharedData.Stories260K }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("stories260K", session.ModelId);
        Assert.Same(ChatFormat.Raw, session.Format);
        var reply = await session.Client.GetResponseAsync("Once upon a time", new ChatOptions { MaxOutputTokens = 8, Seed = 1 }, TestContext.Current.CancellationToken);
        Assert.False(string.IsNullOrWhiteSpace(reply.Text));
        Assert.Equal(8, reply.Usage?.OutputTokenCount);
    }
}
