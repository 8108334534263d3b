using ReasonFlux.ModelCalls;

namespace ReasonFlux.Reasoning.Traces;

/// <summary>One model call of a solve, as it happened.</summary>
/// <param name="Sequence">0-based order of the call within its sample.</param>
/// <param name="Role">What the call was for: <c>plan</c>, <c>repair</c>, <c>adjust</c>, <c>tutor</c>, <c>student</c>, <c>review</c>, <c>replan</c>, <c>answer</c>, <c>fallback</c>.</param>
/// <param name="Step">The 1-based step the call belongs to, or null for calls outside the steps.</param>
/// <param name="Model">The model id the backend reported, or empty when it reported none.</param>
/// <param name="Messages">The messages sent.</param>
/// <param name="Reply">The whole reply text (empty when the call failed).</param>
/// <param name="PromptTokens">Prompt tokens the backend reported.</param>
/// <param name="CompletionTokens">Generated tokens the backend reported.</param>
/// <param name="Milliseconds">Wall time of the call.</param>
/// <param name="FinishReason">Why generation stopped (stop, length…), when reported.</param>
/// <param name="Error">The failure message when the call failed; null on success.</param>
/// <param name="Attempts">How many times the call was sent (retries); 1 in traces written before retries were recorded.</param>
public sealed record ModelCallTrace(
    int Sequence,
    string Role,
    int? Step,
    string Model,
    IReadOnlyList<TraceMessage> Messages,
    string Reply,
    long PromptTokens,
    long CompletionTokens,
    double Milliseconds,
    string? FinishReason,
    string? Error,
    int Attempts = 1)
{
    /// <summary>A recorded call as the trace shows it; <paramref name="sequence"/> is its place within its sample.</summary>
    internal static ModelCallTrace From(int sequence, ModelCallRecord call) =>
        new(sequence, call.Label.Purpose, call.Label.Step, call.ModelId ?? "",
            [.. call.Messages.Select(m => new TraceMessage(m.Role.Value, m.Text))],
            call.ReplyText, call.InputTokens, call.OutputTokens, call.Elapsed.TotalMilliseconds, call.FinishReason?.Value, call.Error, call.Attempts);
}
