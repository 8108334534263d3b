namespace ReasonFlux.Reasoning.Traces;

/// <summary>How a trajectory sample ended; written in trace files as the lower-case name (<c>completed</c>…).</summary>
public enum SampleOutcome
{
    /// <summary>Every step ran and the answer call answered.</summary>
    Completed,
    /// <summary>The navigator's output was unreadable; the problem was solved directly.</summary>
    Fallback,
    /// <summary>A token or time budget ended it; it answered with what it had.</summary>
    Stopped,
    /// <summary>An error ended the solve.</summary>
    Failed,
    /// <summary>The caller cancelled the solve.</summary>
    Cancelled,
}

/// <summary>The written names of <see cref="SampleOutcome"/>.</summary>
public static class SampleOutcomes
{
    /// <summary>The lower-case name, as trace files and views show it.</summary>
    public static string Name(this SampleOutcome outcome) => outcome.ToString().ToLowerInvariant();
}
