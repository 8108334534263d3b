namespace ReasonFlux.Training.Configs;

/// <summary>One key of a LLaMA-Factory YAML.</summary>
/// <param name="Section">The commented section it is written under (model, method, dataset, output, train, overrides).</param>
/// <param name="Key">The LLaMA-Factory argument name, e.g. <c>learning_rate</c>.</param>
/// <param name="Value">A <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/>, or null for YAML <c>null</c>.</param>
public sealed record TrainSetting(string Section, string Key, object? Value);
