using Microsoft.Extensions.AI;
using ReasonFlux.Models.Local;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Models.Tests.Local;

namespace ReasonFlux.Models.Tests.Conformance;

/// <summary>The in-process GGUF backend (real stories260K) passes the shared suite.</summary>
public sealed class LocalChatClientConformance(StoriesModelFixture fixture) : ChatClientConformance, IClassFixture<StoriesModelFixture>
{
    protected override IChatClient Client { get; } = ChatPipeline.Wrap(new LocalChatClient(fixture.Model), new ModelCallPolicy { MaxConcurrency = 2 });
}
