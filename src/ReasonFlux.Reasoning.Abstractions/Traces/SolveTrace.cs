namespace ReasonFlux.Reasoning.Traces;

/// <summary>A whole solve, as written to <c>--trace FILE.json</c> and read by <c>reasonflux trace show</c>.</summary>
/// <param name="Format">Trace format version; readers refuse versions they do not know.</param>
/// <param name="Mode">The solver, e.g. <c>flux</c>.</param>
/// <param name="Problem">The problem text.</param>
/// <param name="Started">When the solve began.</param>
/// <param name="Milliseconds">Wall time of the solve.</param>
/// <param name="Answer">The final answer, or null.</param>
/// <param name="Selection">How the answer was chosen among samples: <c>majority</c> or <c>review</c>.</param>
/// <param name="SelectedSample">The sample the answer came from.</param>
/// <param name="PromptTokens">Prompt tokens over every call.</param>
/// <param name="CompletionTokens">Generated tokens over every call.</param>
/// <param name="Samples">Every sample.</param>
/// <param name="Error">Why the solve failed, when it did: the trace then holds what was done up to the failure.</param>
public sealed record SolveTrace(
    int Format,
    string Mode,
    string Problem,
    DateTimeOffset Started,
    double Milliseconds,
    string? Answer,
    string Selection,
    int SelectedSample,
    long PromptTokens,
    long CompletionTokens,
    IReadOnlyList<SampleTrace> Samples,
    string? Error = null)
{
    /// <summary>The format version this build writes.</summary>
    public const int CurrentFormat = 1;
}
