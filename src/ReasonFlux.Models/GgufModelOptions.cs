using ReasonFlux.Models.Formats;

namespace ReasonFlux.Models;

/// <summary>How to load a GGUF model in process.</summary>
public sealed record GgufModelOptions
{
    /// <summary>Context window in tokens. Null: the model's training context, capped at 32,768.</summary>
    public int? ContextSize { get; init; }

    /// <summary>CPU threads for generation. Null: chosen by <c>ThreadDefaults</c> (ReasonFlux.Models.Local) (1 for tiny models, else the physical cores).</summary>
    public int? Threads { get; init; }

    /// <summary>Requests decoded together in one batch at most; more wait. Null: 8, fewer for contexts over 4,096 tokens.</summary>
    public int? ParallelSequences { get; init; }

    /// <summary>Layers to offload to a GPU, for backends that have one. 0 on the CPU backend.</summary>
    public int GpuLayers { get; init; }

    /// <summary>Prompt format. Null: the GGUF's own chat template, or <see cref="ChatFormat.Raw"/> when it has none.</summary>
    public ChatFormat? ChatFormat { get; init; }
}
