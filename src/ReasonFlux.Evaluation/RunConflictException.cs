namespace ReasonFlux.Evaluation;

/// <summary>A run folder cannot be used as asked: it is a file, already holds a run (without resume), or one started with other settings.</summary>
public sealed class RunConflictException : StoreConflictException
{
    /// <summary>Creates the exception.</summary>
    public RunConflictException(string runDir, StoreConflict conflict, IReadOnlyList<string>? differences = null)
        : base(runDir, conflict, "a run", differences)
    {
    }
}
