namespace ReasonFlux.Evaluation;

/// <summary>A run folder cannot be used as asked: it already holds a run (without resume), or one started with other settings.</summary>
public sealed class RunConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunConflictException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public RunConflictException() : base("the run folder cannot be used") { }

    /// <summary>Creates the exception.</summary>
    public RunConflictException(string message, Exception inner) : base(message, inner) { }
}
