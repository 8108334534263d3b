using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Middleware;

/// <summary>Writes each call (messages, reply, usage, duration, error) to an <see cref="ICallLog"/> under a label.</summary>
internal sealed class CallLoggingChatClient(IChatClient inner, ICallLog log, string label) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ChatMessage> sent = [.. messages];
        var started = Stopwatch.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            log.Record(new ModelCallRecord(label, sent, "", null, Stopwatch.GetElapsedTime(started), Error: ex.Message));
            throw;
        }
        log.Record(new ModelCallRecord(label, sent, response.Text, response.Usage, Stopwatch.GetElapsedTime(started), response.FinishReason));
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ChatMessage> sent = [.. messages];
        var started = Stopwatch.GetTimestamp();
        var text = new StringBuilder();
        UsageDetails? usage = null;
        ChatFinishReason? finishReason = null;
        var updates = base.GetStreamingResponseAsync(sent, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var _ = updates.ConfigureAwait(false);
        string? error = null;
        try
        {
            while (true)
            {
                try
                {
                    if (!await updates.MoveNextAsync().ConfigureAwait(false)) break;
                }
                catch (Exception ex)
                {
                    error = ex.Message;
                    throw;
                }
                var update = updates.Current;
                text.Append(update.Text);
                finishReason ??= update.FinishReason;
                foreach (var content in update.Contents)
                {
                    if (content is UsageContent { Details: var details })
                    {
                        usage ??= new UsageDetails();
                        usage.Add(details);
                    }
                }
                yield return update;
            }
        }
        finally
        {
            // Also when the caller stops reading early (budget forcing): the trace shows the text it did read.
            log.Record(new ModelCallRecord(label, sent, text.ToString(), usage, Stopwatch.GetElapsedTime(started), finishReason, error));
        }
    }
}
