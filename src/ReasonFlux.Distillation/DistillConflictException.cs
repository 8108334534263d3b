namespace ReasonFlux.Distillation;

/// <summary>A distillation store that cannot be used as asked: it exists and resuming was not asked for, or was started with other settings.</summary>
public sealed class DistillConflictException : StoreConflictException
{
    /// <summary>Creates the exception.</summary>
    public DistillConflictException(string path, StoreConflict conflict, IReadOnlyList<string>? differences = null)
        : base(path, conflict, "a distillation", differences)
    {
    }
}
