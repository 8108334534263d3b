using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Middleware;

/// <summary>Adds every call's token usage and duration to a <see cref="UsageMeter"/>; for streams, from their usage updates.</summary>
internal sealed class UsageAccountingChatClient(IChatClient inner, UsageMeter meter) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            meter.RecordFailure(Stopwatch.GetElapsedTime(started));
            throw;
        }
        meter.RecordCall(response.Usage, Stopwatch.GetElapsedTime(started));
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        UsageDetails? usage = null;
        var updates = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var _ = updates.ConfigureAwait(false);
        var failed = false;
        try
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false)) break;
                }
                catch
                {
                    failed = true;
                    throw;
                }
                foreach (var content in updates.Current.Contents)
                {
                    if (content is UsageContent { Details: var details })
                    {
                        usage ??= new UsageDetails();
                        usage.Add(details);
                    }
                }
                yield return updates.Current;
            }
        }
        finally
        {
            // A caller that stops reading early (budget forcing does) still made a call; count it with what arrived.
            if (failed) meter.RecordFailure(Stopwatch.GetElapsedTime(started));
            else meter.RecordCall(usage, Stopwatch.GetElapsedTime(started));
        }
    }
}
