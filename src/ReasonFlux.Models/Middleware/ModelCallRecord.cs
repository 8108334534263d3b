using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Middleware;

/// <summary>One model call as the call log saw it.</summary>
/// <param name="Label">Which client made the call, e.g. <c>navigator</c> or <c>inference</c>.</param>
/// <param name="Messages">The messages sent (a copy of the list; the messages themselves are shared).</param>
/// <param name="ReplyText">The reply's text; what had arrived when the call failed.</param>
/// <param name="Usage">Token usage the backend reported, if any.</param>
/// <param name="Elapsed">Wall-clock duration of the call.</param>
/// <param name="FinishReason">Why the model stopped, when the backend said.</param>
/// <param name="Error">The failure's message when the call threw; null when it succeeded.</param>
public sealed record ModelCallRecord(
    string Label,
    IReadOnlyList<ChatMessage> Messages,
    string ReplyText,
    UsageDetails? Usage,
    TimeSpan Elapsed,
    ChatFinishReason? FinishReason = null,
    string? Error = null);
