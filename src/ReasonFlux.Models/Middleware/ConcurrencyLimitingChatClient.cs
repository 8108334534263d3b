using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Middleware;

/// <summary>
/// Lets at most a fixed number of calls reach the inner client at once; the rest wait their turn. A stream holds
/// its slot until it ends or is abandoned, because the server is busy with it all that time.
/// </summary>
internal sealed class ConcurrencyLimitingChatClient : DelegatingChatClient
{
    private readonly SemaphoreSlim _slots;

    public ConcurrencyLimitingChatClient(IChatClient inner, int maxConcurrency) : base(inner)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrency, 1);
        _slots = new SemaphoreSlim(maxConcurrency, maxConcurrency);
    }

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken).ConfigureAwait(false))
            {
                yield return update;
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) _slots.Dispose();
        base.Dispose(disposing);
    }
}
