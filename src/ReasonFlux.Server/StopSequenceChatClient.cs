using Microsoft.Extensions.AI;

namespace ReasonFlux.Server;

/// <summary>Adds a request's stop sequences to every call a solver makes, keeping the solver's own (budget forcing stops at the end of thinking).</summary>
internal sealed class StopSequenceChatClient(IChatClient inner, IReadOnlyList<string> stop) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, WithStops(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, WithStops(options), cancellationToken);

    private ChatOptions WithStops(ChatOptions? options)
    {
        var merged = options?.Clone() ?? new ChatOptions();
        merged.StopSequences = [.. merged.StopSequences ?? [], .. stop.Where(s => merged.StopSequences?.Contains(s) != true)];
        return merged;
    }
}
