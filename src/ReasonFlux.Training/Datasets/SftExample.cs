namespace ReasonFlux.Training.Datasets;

/// <summary>One supervised example: a prompt and the response to learn.</summary>
/// <param name="Source">Where it came from (run folder and problem id, or trace file and sample), for messages; not written to the data file.</param>
/// <param name="Prompt">The user turn (alpaca <c>instruction</c>).</param>
/// <param name="Response">The assistant turn to learn (alpaca <c>output</c>).</param>
/// <param name="System">A system prompt, or null.</param>
public sealed record SftExample(string Source, string Prompt, string Response, string? System = null);
