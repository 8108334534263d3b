using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Polly;
using Polly.Retry;

namespace ReasonFlux.Models.Middleware;

/// <summary>
/// Retries transient failures with exponential backoff and jitter (a Polly retry pipeline), waiting what the server asks
/// for in Retry-After when it says. A stream is retried only while nothing has been yielded, so callers never see
/// text twice. When it gives up, the last error's message says how many attempts were made.
/// </summary>
internal sealed class RetryingChatClient : DelegatingChatClient
{
    private readonly ResiliencePipeline _pipeline;

    public RetryingChatClient(IChatClient inner, ModelRetryOptions options) : base(inner)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1, nameof(options.MaxAttempts));
        if (options.MaxAttempts == 1)
        {
            _pipeline = ResiliencePipeline.Empty;
            return;
        }
        _pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && TransientFailure.IsTransient(ex, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } ex && TransientFailure.RetryAfter(ex) is { } wait
                        ? (TimeSpan?)(wait < options.MaxRetryAfter ? wait : options.MaxRetryAfter)
                        : null),
                OnRetry = args =>
                {
                    if (args.Outcome.Exception is { } cause) options.OnRetry?.Invoke(new ModelRetryNotice(args.AttemptNumber + 1, args.RetryDelay, cause));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = new Call(this, Materialize(messages), options);
        ChatResponse response;
        try
        {
            response = await _pipeline.ExecuteAsync(static (call, token) => call.ResponseAsync(token), call, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelException ex) when (call.Attempts > 1 && TransientFailure.IsTransient(ex, cancellationToken))
        {
            throw GaveUp(ex, call.Attempts);
        }
        CallAttempts.Stamp(response, call.Attempts);
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var call = new Call(this, Materialize(messages), options);
        IAsyncEnumerator<ChatResponseUpdate> updates;
        bool any;
        try
        {
            (updates, any) = await _pipeline.ExecuteAsync(static (call, token) => call.FirstUpdateAsync(token), call, cancellationToken).ConfigureAwait(false);
        }
        catch (ModelException ex) when (call.Attempts > 1 && TransientFailure.IsTransient(ex, cancellationToken))
        {
            throw GaveUp(ex, call.Attempts);
        }
        await using (updates.ConfigureAwait(false))
        {
            if (!any) yield break;
            CallAttempts.Stamp(updates.Current, call.Attempts);
            yield return updates.Current;
            while (await updates.MoveNextAsync().ConfigureAwait(false)) yield return updates.Current;
        }
    }

    // Each attempt sends the same messages, so a lazy sequence must not be enumerated afresh.
    private static IReadOnlyList<ChatMessage> Materialize(IEnumerable<ChatMessage> messages) =>
        messages as IReadOnlyList<ChatMessage> ?? [.. messages];

    private static ModelBackendException GaveUp(ModelException last, int attempts)
    {
        var gaveUp = new ModelBackendException($"{last.Message}; gave up after {attempts} attempts", last);
        CallAttempts.Stamp(gaveUp, attempts);
        return gaveUp;
    }

    private Task<ChatResponse> BaseResponseAsync(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken token) =>
        base.GetResponseAsync(messages, options, token);

    private IAsyncEnumerable<ChatResponseUpdate> BaseStream(IReadOnlyList<ChatMessage> messages, ChatOptions? options, CancellationToken token) =>
        base.GetStreamingResponseAsync(messages, options, token);

    /// <summary>One logical call across its attempts; counts them so the final error can say how many there were.</summary>
    private sealed class Call(RetryingChatClient owner, IReadOnlyList<ChatMessage> messages, ChatOptions? options)
    {
        public int Attempts { get; private set; }

        public async ValueTask<ChatResponse> ResponseAsync(CancellationToken token)
        {
            Attempts++;
            return await owner.BaseResponseAsync(messages, options, token).ConfigureAwait(false);
        }

        public async ValueTask<(IAsyncEnumerator<ChatResponseUpdate>, bool)> FirstUpdateAsync(CancellationToken token)
        {
            Attempts++;
            var updates = owner.BaseStream(messages, options, token).GetAsyncEnumerator(token);
            try
            {
                return (updates, await updates.MoveNextAsync().ConfigureAwait(false));
            }
            catch
            {
                await updates.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }
}
