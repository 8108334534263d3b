namespace ReasonFlux.Evaluation;

/// <summary>Where a run stands, reported after every sample.</summary>
/// <param name="Done">Samples stored, from earlier sessions included.</param>
/// <param name="Total">Samples the run will have (problems × k).</param>
/// <param name="Correct">Correct samples among <paramref name="Done"/>.</param>
/// <param name="Errors">Samples that failed (error or timeout) in this session.</param>
/// <param name="CompletionTokens">Tokens generated in this session.</param>
/// <param name="Elapsed">Time since this session started.</param>
/// <param name="DoneThisSession">Samples stored in this session (the rate and ETA come from these).</param>
public sealed record EvalProgress(int Done, int Total, int Correct, int Errors, long CompletionTokens, TimeSpan Elapsed, int DoneThisSession)
{
    /// <summary>Correct / done so far.</summary>
    public double RunningPass1 => Done == 0 ? 0 : (double)Correct / Done;

    /// <summary>Generated tokens per second in this session.</summary>
    public double TokensPerSecond => Elapsed.TotalSeconds > 0 ? CompletionTokens / Elapsed.TotalSeconds : 0;

    /// <summary>Estimated time left, from this session's rate; null before the first sample.</summary>
    public TimeSpan? Eta => DoneThisSession == 0 ? null : TimeSpan.FromSeconds(Elapsed.TotalSeconds / DoneThisSession * (Total - Done));
}
