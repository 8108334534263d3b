using ReasonFlux.ModelCalls;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Middleware;

/// <summary>
/// The one recording layer: writes each call (label, messages, reply, model, tokens, duration, attempts, error) to a
/// <see cref="ModelCallRecorder"/> scoped to one solve. Placed outside the retry layer, so one logical call is one
/// record whose duration includes any backoff. A stream is recorded when it ends, also when the caller stops reading early (with the text read so far, no error).
/// </summary>
public sealed class RecordingChatClient(IChatClient inner, ModelCallRecorder recorder, ModelCallLabel label) : DelegatingChatClient(inner)
{
    private readonly ModelCallRecorder _recorder = recorder ?? throw new ArgumentNullException(nameof(recorder));

    /// <inheritdoc />
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
            _recorder.Record(new ModelCallRecord(label, sent, "", null, null, Stopwatch.GetElapsedTime(started), CallAttempts.Read(ex) ?? 1, Error: ex.Message));
            throw;
        }
        _recorder.Record(new ModelCallRecord(label, sent, response.Text, response.ModelId, response.Usage, Stopwatch.GetElapsedTime(started),
            CallAttempts.Read(response.AdditionalProperties) ?? 1, response.FinishReason));
        return response;
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ChatMessage> sent = [.. messages];
        var started = Stopwatch.GetTimestamp();
        var text = new StringBuilder();
        UsageDetails? usage = null;
        ChatFinishReason? finishReason = null;
        string? model = null;
        int? attempts = null;
        string? error = null;
        var updates = base.GetStreamingResponseAsync(sent, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var _ = updates.ConfigureAwait(false);
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
                    attempts = CallAttempts.Read(ex);
                    throw;
                }
                var update = updates.Current;
                text.Append(update.Text);
                model ??= update.ModelId;
                finishReason = update.FinishReason ?? finishReason;
                attempts ??= CallAttempts.Read(update.AdditionalProperties);
                // Indexed, not foreach: enumerating the IList would allocate an enumerator for every streamed token.
                var contents = update.Contents;
                for (var i = 0; i < contents.Count; i++)
                {
                    if (contents[i] is UsageContent { Details: var details })
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
            _recorder.Record(new ModelCallRecord(label, sent, text.ToString(), model, usage, Stopwatch.GetElapsedTime(started), attempts ?? 1, finishReason, error));
        }
    }
}
