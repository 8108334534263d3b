namespace ReasonFlux.Training.Configs;

/// <summary>The LLaMA-Factory training stage (its <c>stage</c> key).</summary>
public enum TrainStage
{
    /// <summary>Supervised fine-tuning (<c>stage: sft</c>).</summary>
    Sft,

    /// <summary>Direct preference optimisation on (chosen, rejected) pairs (<c>stage: dpo</c>).</summary>
    Dpo,
}
