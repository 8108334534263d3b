namespace ReasonFlux.Training.Configs;

/// <summary>The files <see cref="TrainConfigWriter"/> wrote and how to start the training.</summary>
/// <param name="YamlPath">The LLaMA-Factory YAML.</param>
/// <param name="DeepSpeedPath">The DeepSpeed JSON, or null when DeepSpeed is off.</param>
/// <param name="Settings">Every key of the YAML with its final value, in file order.</param>
/// <param name="Commands">The <c>llamafactory-cli train</c> command lines: one per node.</param>
public sealed record TrainConfigResult(string YamlPath, string? DeepSpeedPath, IReadOnlyList<TrainSetting> Settings, IReadOnlyList<string> Commands);
