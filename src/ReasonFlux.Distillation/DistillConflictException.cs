namespace ReasonFlux.Distillation;

/// <summary>A distillation store that cannot be used as asked: it exists without --resume, or was started with other settings.</summary>
public sealed class DistillConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DistillConflictException() { }

    /// <summary>Creates the exception.</summary>
    public DistillConflictException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public DistillConflictException(string message, Exception inner) : base(message, inner) { }
}
