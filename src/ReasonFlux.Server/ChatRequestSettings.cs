namespace ReasonFlux.Server;

/// <summary>The sampling settings of one chat completion request, already range-checked. Null: the client did not set it.</summary>
/// <param name="MaxTokens"><c>max_completion_tokens</c>, or the older <c>max_tokens</c>: most tokens per choice, thinking included.</param>
/// <param name="Temperature"><c>temperature</c>, 0 to 2.</param>
/// <param name="TopP"><c>top_p</c>, in (0, 1].</param>
/// <param name="Seed"><c>seed</c>.</param>
/// <param name="N"><c>n</c>: how many choices (independent samples) to generate; 1 when not set.</param>
/// <param name="Stop"><c>stop</c>: up to 4 sequences that end generation; empty when not set.</param>
public sealed record ChatRequestSettings(int? MaxTokens, float? Temperature, float? TopP, long? Seed, int N, IReadOnlyList<string> Stop);
