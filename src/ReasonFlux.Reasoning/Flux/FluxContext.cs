using ReasonFlux.ModelCalls;
using Microsoft.Extensions.AI;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Templates;

namespace ReasonFlux.Reasoning.Flux;

/// <summary>What every sample of one solve shares: the models, the index, the options, the recorded calls and the token budget.</summary>
internal sealed class FluxContext(IChatClient navigator, IChatClient inference, ITemplateIndex index, FluxSolverOptions options, bool inferenceStartsInThinking, ModelCallRecorder calls)
{
    private string? _inferenceModel;

    public IChatClient Navigator { get; } = navigator;
    public IChatClient Inference { get; } = inference;
    public ITemplateIndex Index { get; } = index;
    public FluxSolverOptions Options { get; } = options;
    public bool InferenceStartsInThinking { get; } = inferenceStartsInThinking;
    public ModelCallRecorder Calls { get; } = calls;
    public TokenBudget Budget { get; } = new(options.MaxTotalTokens, calls);

    /// <summary>The inference model's id as the backend reported it, or null before its first reply.</summary>
    public string? InferenceModel => Volatile.Read(ref _inferenceModel);

    public void NoteModel(IChatClient client, string? modelId)
    {
        if (ReferenceEquals(client, Inference) && modelId is { Length: > 0 }) Interlocked.CompareExchange(ref _inferenceModel, modelId, null);
    }
}
