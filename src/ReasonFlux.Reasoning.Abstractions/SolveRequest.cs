using ReasonFlux.Grading;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Reasoning;

/// <summary>A problem to solve.</summary>
/// <param name="Problem">The problem statement as the user wrote it.</param>
public sealed record SolveRequest(string Problem)
{
    /// <summary>How the final answer is read from a reply: math (default), an AIME integer, or a multiple-choice letter.</summary>
    public AnswerKind AnswerKind { get; init; } = AnswerKind.Auto;

    /// <summary>
    /// Where the solver (flux or direct) records this solve's model calls and trace while it runs; the trace is complete
    /// when the solve ends, also when it fails. Null: the solver records into its own, returned as <see cref="Solution.Trace"/>.
    /// </summary>
    public TraceRecorder? Trace { get; init; }

    /// <summary>
    /// Whether the reply's text is streamed as it is generated (true, the default: <c>solve</c> shows it). False when no
    /// one watches (eval, data): each model call returns its whole reply at once, which costs the client far less CPU
    /// than one update per token. The solution is the same either way.
    /// </summary>
    public bool StreamText { get; init; } = true;
}
