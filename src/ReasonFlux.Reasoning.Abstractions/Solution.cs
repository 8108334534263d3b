using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Reasoning;

/// <summary>The outcome of a solve.</summary>
/// <param name="Answer">The final answer (majority vote over samples), or null when no sample produced one.</param>
/// <param name="Text">The full reply of the sample the answer came from.</param>
/// <param name="Thinking">That sample's thinking block.</param>
/// <param name="Usage">Tokens of every call of every sample.</param>
/// <param name="Elapsed">Wall time of the whole solve.</param>
/// <param name="Model">The model id the backend reported.</param>
/// <param name="Samples">Every sample, in order.</param>
public sealed record Solution(string? Answer, string Text, string Thinking, TokenUsage Usage, TimeSpan Elapsed, string Model, IReadOnlyList<SampleResult> Samples)
{
    /// <summary>The solve's trace: every model call (and for flux every retrieval and review); null for solvers without models.</summary>
    public SolveTrace? Trace { get; init; }
}
