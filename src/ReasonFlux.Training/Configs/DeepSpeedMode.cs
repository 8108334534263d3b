namespace ReasonFlux.Training.Configs;

/// <summary>Which DeepSpeed configuration is written beside the YAML.</summary>
public enum DeepSpeedMode
{
    /// <summary>ZeRO stage 3 with optimizer state and parameters offloaded to CPU memory (the original's choice).</summary>
    Zero3Offload,

    /// <summary>ZeRO stage 3 without offload: faster when the GPUs have the memory.</summary>
    Zero3,

    /// <summary>No DeepSpeed: no JSON is written and the YAML has no <c>deepspeed</c> key.</summary>
    None,
}
