using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Reasoning.Flux;

/// <summary>
/// The layer every flux call goes through: caps the call's output at what the token budget leaves, charges the budget,
/// and records the call (role, messages, reply, tokens, time) in the sample's trace.
/// </summary>
internal sealed class TracingChatClient(IChatClient inner, SampleRecorder recorder, TokenBudget budget, string role, int? step) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        options = Capped(options);
        var clock = Stopwatch.StartNew();
        try
        {
            var response = await base.GetResponseAsync(sent, options, cancellationToken).ConfigureAwait(false);
            var usage = TokenUsage.From(response.Usage);
            budget.Charge(usage);
            Record(sent, response.Text, usage, clock, response.ModelId, response.FinishReason?.Value, null);
            return response;
        }
        catch (Exception ex) when (ex is not FluxStopException)
        {
            Record(sent, "", default, clock, null, null, ex.Message);
            throw;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var sent = messages.ToList();
        options = Capped(options);
        var clock = Stopwatch.StartNew();
        var text = new StringBuilder();
        var usage = default(TokenUsage);
        string? model = null, finish = null;
        var completed = false;
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(sent, options, cancellationToken).ConfigureAwait(false))
            {
                text.Append(update.Text);
                model ??= update.ModelId;
                finish = update.FinishReason?.Value ?? finish;
                foreach (var u in update.Contents.OfType<UsageContent>()) usage += TokenUsage.From(u.Details);
                yield return update;
            }
            completed = true;
        }
        finally
        {
            budget.Charge(usage);
            Record(sent, text.ToString(), usage, clock, model, finish, completed ? null : "the stream ended early (cancelled or failed)");
        }
    }

    private ChatOptions Capped(ChatOptions? options)
    {
        var capped = options?.Clone() ?? new ChatOptions();
        var perCall = capped.MaxOutputTokens ?? int.MaxValue;
        capped.MaxOutputTokens = budget.NextCallCap(perCall);
        return capped;
    }

    private void Record(List<ChatMessage> sent, string reply, TokenUsage usage, Stopwatch clock, string? model, string? finish, string? error) =>
        recorder.AddCall(seq => new ModelCallTrace(
            seq, role, step, model ?? "",
            [.. sent.Select(m => new TraceMessage(m.Role.Value, m.Text))],
            reply, usage.PromptTokens, usage.CompletionTokens, clock.Elapsed.TotalMilliseconds, finish, error));
}
