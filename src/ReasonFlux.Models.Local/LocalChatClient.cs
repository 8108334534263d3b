using System.Runtime.CompilerServices;
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
    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        await GetStreamingResponseAsync(messages, options, cancellationToken).ToChatResponseAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var responseId = Guid.NewGuid().ToString("N");
        var prompt = _model.Format.Render(messages);
        using var context = _model.CreateContext();
        var promptTokens = context.Tokenize(prompt, addBos: _model.Weights.Vocab.ShouldAddBOS, special: true);
        var room = (int)context.ContextSize - promptTokens.Length;
        if (room <= 0)
            throw new ModelBackendException($"{_model.Id}: the prompt is {promptTokens.Length} tokens but the context holds {context.ContextSize}", ModelRemedy.RaiseContextSize);
        var maxTokens = Math.Min(options?.MaxOutputTokens ?? DefaultMaxOutputTokens, room);

        using var sampler = CreateSampler(options);
        var batch = new LLamaBatch();
        var decoded = await DecodePromptAsync(context, promptTokens, batch, cancellationToken).ConfigureAwait(false);
        var stops = new StopSequenceFilter(options?.StopSequences);
        var decoder = new StreamingTokenDecoder(context);
        var generated = 0;
        var finish = ChatFinishReason.Length;

        while (generated < maxTokens)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var token = sampler.Sample(context.NativeHandle, batch.TokenCount - 1);
            sampler.Accept(token);
            if (token.IsEndOfGeneration(_model.Weights.Vocab))
            {
                finish = ChatFinishReason.Stop;
                break;
            }
            generated++;
            decoder.Add(token);
            var (text, stopped) = stops.Push(decoder.Read());
            if (text.Length > 0) yield return Update(responseId, text);
            if (stopped)
            {
                finish = ChatFinishReason.Stop;
                break;
            }
            if (generated == maxTokens) break;
            batch.Clear();
            batch.Add(token, decoded++, LLamaSeqId.Zero, true);
            await DecodeAsync(context, batch, cancellationToken).ConfigureAwait(false);
        }

        var rest = finish == ChatFinishReason.Stop && stops.Stopped ? "" : stops.Flush();
        if (rest.Length > 0) yield return Update(responseId, rest);
        yield return new ChatResponseUpdate(ChatRole.Assistant, [new UsageContent(new UsageDetails
        {
            InputTokenCount = promptTokens.Length,
            OutputTokenCount = generated,
            TotalTokenCount = promptTokens.Length + generated,
        })])
        {
            ResponseId = responseId,
            ModelId = _model.Id,
            FinishReason = finish,
            CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    private ChatResponseUpdate Update(string responseId, string text) => new(ChatRole.Assistant, text)
    {
        ResponseId = responseId,
        ModelId = _model.Id,
    };

    private static DefaultSamplingPipeline CreateSampler(ChatOptions? options) => new()
    {
        Temperature = options?.Temperature ?? 0.6f,
        TopP = options?.TopP ?? 0.95f,
        TopK = options?.TopK ?? 0,
        Seed = options?.Seed is { } seed ? unchecked((uint)seed) : (uint)Random.Shared.Next(),
        // The repeat penalty is a chat-UI default that changes model outputs; the original samples without it.
        RepeatPenalty = 1f,
    };

    private static async Task<int> DecodePromptAsync(LLamaContext context, LLamaToken[] tokens, LLamaBatch batch, CancellationToken ct)
    {
        var size = (int)context.BatchSize;
        for (var start = 0; start < tokens.Length; start += size)
        {
            ct.ThrowIfCancellationRequested();
            batch.Clear();
            var end = Math.Min(start + size, tokens.Length);
            for (var i = start; i < end; i++) batch.Add(tokens[i], i, LLamaSeqId.Zero, i == tokens.Length - 1);
            await DecodeAsync(context, batch, ct).ConfigureAwait(false);
        }
        return tokens.Length;
    }

    private async static Task DecodeAsync(LLamaContext context, LLamaBatch batch, CancellationToken ct)
    {
        var result = await context.DecodeAsync(batch, ct).ConfigureAwait(false);
        if (result != DecodeResult.Ok)
            throw new ModelBackendException($"llama.cpp decode failed ({result})", new LLamaDecodeError(result));
    }

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
