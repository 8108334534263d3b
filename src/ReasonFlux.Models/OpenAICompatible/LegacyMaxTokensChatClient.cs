using Microsoft.Extensions.AI;
using ChatCompletionOptions = OpenAI.Chat.ChatCompletionOptions;

namespace ReasonFlux.Models.OpenAICompatible;

/// <summary>
/// Sends the output cap as <c>max_tokens</c> as well as <c>max_completion_tokens</c> (all the OpenAI client writes).
/// Some servers (Ollama, older llama.cpp builds) silently ignore the newer name, which would leave a long chain of
/// thought unbounded; OpenAI's own API rejects the old name for reasoning models, so this layer is not used there.
/// </summary>
internal sealed class LegacyMaxTokensChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(messages, WithLegacyMaxTokens(options), cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        base.GetStreamingResponseAsync(messages, WithLegacyMaxTokens(options), cancellationToken);

    private static ChatOptions? WithLegacyMaxTokens(ChatOptions? options)
    {
        if (options?.MaxOutputTokens is not { } maxTokens) return options;
        var callerFactory = options.RawRepresentationFactory;
        var patched = options.Clone();
        patched.RawRepresentationFactory = client =>
        {
            var raw = callerFactory?.Invoke(client);
            if (raw is not null and not ChatCompletionOptions) return raw;
            var completion = raw as ChatCompletionOptions ?? new ChatCompletionOptions();
#pragma warning disable SCME0001 // JsonPatch is the client's supported way to add a field it does not model.
            if (!completion.Patch.Contains("$.max_tokens"u8)) completion.Patch.Set("$.max_tokens"u8, maxTokens);
#pragma warning restore SCME0001
            return completion;
        };
        return patched;
    }
}
