namespace ReasonFlux.Training.Configs;

/// <summary>The original system's training recipes, from its README.</summary>
public enum TrainPreset
{
    /// <summary>ReasonFlux-F1: long chain-of-thought SFT of an R1-distill model (cutoff 16384, lr 1e-5, 5 epochs, batch 1 × 2).</summary>
    F1,

    /// <summary>ReasonFlux-Zero navigator: SFT of Qwen2.5-32B-Instruct on trajectories (cutoff 2048, lr 2e-5, 3 epochs, batch 4 × 8).</summary>
    Zero,
}
