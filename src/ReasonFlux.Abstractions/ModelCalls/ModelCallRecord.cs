using Microsoft.Extensions.AI;

namespace ReasonFlux.ModelCalls;

/// <summary>One model call as the recording middleware (ReasonFlux.Models' RecordingChatClient) saw it: one record per logical call, retries included.</summary>
/// <param name="Label">What the call was for.</param>
/// <param name="Messages">The messages sent (a copy of the list; the messages themselves are shared).</param>
/// <param name="ReplyText">The reply's text; what had arrived when the call failed or the caller stopped reading.</param>
/// <param name="ModelId">The model id the backend reported, or null.</param>
/// <param name="Usage">Token usage the backend reported, if any.</param>
/// <param name="Elapsed">Wall-clock duration of the call, retries and their backoff included.</param>
/// <param name="Attempts">How many times the call was sent (more than 1 when the retry layer retried it).</param>
/// <param name="FinishReason">Why the model stopped, when the backend said.</param>
/// <param name="Error">Why the call failed or ended early; null when it completed.</param>
public sealed record ModelCallRecord(
    ModelCallLabel Label,
    IReadOnlyList<ChatMessage> Messages,
    string ReplyText,
    string? ModelId,
    UsageDetails? Usage,
    TimeSpan Elapsed,
    int Attempts = 1,
    ChatFinishReason? FinishReason = null,
    string? Error = null)
{
    /// <summary>Input tokens the backend reported (0 when it reported none).</summary>
    public long InputTokens => Usage?.InputTokenCount ?? 0;

    /// <summary>Output tokens the backend reported (0 when it reported none).</summary>
    public long OutputTokens => Usage?.OutputTokenCount ?? 0;
}
