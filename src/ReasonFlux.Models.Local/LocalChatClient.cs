using System.Runtime.CompilerServices;
using System.Text;
using LLama;
using LLama.Exceptions;
using LLama.Native;
using LLama.Sampling;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Local;

/// <summary>
/// <see cref="IChatClient"/> over an in-process GGUF model. Unlike LLamaSharp's own adapter it renders the model's chat
/// format, honours <see cref="ChatOptions.MaxOutputTokens"/> exactly, reports truncation as
/// <see cref="ChatFinishReason.Length"/>, reports token usage, and throws when cancelled.
/// </summary>
public sealed class LocalChatClient : IChatClient
{
    /// <summary>Output cap when the caller sets none: as the original evaluates long chain-of-thought models.</summary>
    public const int DefaultMaxOutputTokens = 32_768;

    private readonly GgufModel _model;
    private readonly ChatClientMetadata _metadata;

    /// <summary>Wraps a loaded model. The client does not own it: dispose the model yourself.</summary>
    public LocalChatClient(GgufModel model)
    {
        _model = model;
        _metadata = new ChatClientMetadata("llama.cpp", new Uri(Path.GetFullPath(model.Path)), model.Id);
    }

    /// <inheritdoc />
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (sequence, decoder, responseId) = Start(messages, options, stream: false);
        using (cancellationToken.Register(() => { sequence.Cancel(); decoder.Wake(); }))
        {
            try
            {
                await sequence.Output.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                sequence.Cancel();
                decoder.Wake();
            }
        }
        var text = sequence.CollectedText;
        return new ChatResponse(new ChatMessage(ChatRole.Assistant, text.Length > 0 ? [new TextContent(text)] : []))
        {
            ResponseId = responseId,
            ModelId = _model.Id,
            FinishReason = sequence.Finish,
            CreatedAt = DateTimeOffset.UtcNow,
            Usage = Usage(sequence),
        };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (sequence, decoder, responseId) = Start(messages, options, stream: true);
        using (cancellationToken.Register(() => { sequence.Cancel(); decoder.Wake(); }))
        {
            try
            {
                // Checked before every piece, not only while waiting: pieces already queued are not handed out after a cancel.
                while (await sequence.Output.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (sequence.Output.TryRead(out var text))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        yield return Update(responseId, text);
                    }
                }
            }
            finally
            {
                // A caller that stops reading early gives the slot back; after a normal end this does nothing.
                sequence.Cancel();
                decoder.Wake();
            }
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(Usage(sequence))])
        {
            ResponseId = responseId,
            ModelId = _model.Id,
            FinishReason = sequence.Finish,
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>Renders and tokenizes the prompt and queues the request on the model's batched decoder.</summary>
    private (DecodingSequence Sequence, BatchedDecoder Decoder, string ResponseId) Start(IEnumerable<ChatMessage> messages, ChatOptions? options, bool stream)
    {
        var prompt = _model.Format.Render(messages);
        var promptTokens = _model.Weights.Tokenize(prompt, _model.Weights.Vocab.ShouldAddBOS, special: true, Encoding.UTF8);
        var room = _model.ContextSize - promptTokens.Length;
        if (room <= 0)
            throw new ModelBackendException($"{_model.Id}: the prompt is {promptTokens.Length} tokens but the context holds {_model.ContextSize}", ModelRemedy.RaiseContextSize);
        var maxTokens = Math.Min(options?.MaxOutputTokens ?? DefaultMaxOutputTokens, room);
        var sequence = new DecodingSequence(promptTokens, maxTokens, CreateSampler(options), new StreamingTokenDecoder(Encoding.UTF8, _model.Weights), options?.StopSequences, stream);
        var decoder = _model.Submit(sequence);
        return (sequence, decoder, Guid.NewGuid().ToString("N"));
    }

    private static UsageDetails Usage(DecodingSequence sequence) => new()
    {
        InputTokenCount = sequence.Prompt.Length,
        OutputTokenCount = sequence.Generated,
        TotalTokenCount = sequence.Prompt.Length + sequence.Generated,
        CachedInputTokenCount = sequence.ReusedPromptTokens,
    };

    private ChatResponseUpdate Update(string responseId, string text) => new(ChatRole.Assistant, text)
    {
        ResponseId = responseId,
        ModelId = _model.Id,
    };

    /// <summary>
    /// Temperature 0 is greedy decoding: the most likely token, without the default chain's sort of the whole vocabulary
    /// by top-k/top-p each step (same tokens, tested; for a 150k-token vocabulary that sort is most of the sampling time).
    /// </summary>
    internal static ISamplingPipeline CreateSampler(ChatOptions? options) => options?.Temperature is <= 0f
        ? new GreedySamplingPipeline()
        : new DefaultSamplingPipeline
        {
            Temperature = options?.Temperature ?? 0.6f,
            TopP = options?.TopP ?? 0.95f,
            TopK = options?.TopK ?? 0,
            Seed = options?.Seed is { } seed ? unchecked((uint)seed) : (uint)Random.Shared.Next(),
            // The repeat penalty is a chat-UI default that changes model outputs; the original samples without it.
            RepeatPenalty = 1f,
        };

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? _metadata
        : serviceType == typeof(GgufModel) ? _model
        : serviceType == typeof(ChatFormat) ? _model.Format
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    /// <inheritdoc />
    public void Dispose()
    {
        // The model is owned by whoever loaded it.
    }
}
