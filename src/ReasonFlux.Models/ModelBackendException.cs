namespace ReasonFlux.Models;

/// <summary>A model server failed: unreachable, refused the key, kept failing, or returned nothing.</summary>
public sealed class ModelBackendException : ModelException
{
    /// <summary>Creates the exception.</summary>
    public ModelBackendException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Creates the exception with the setting that would get past it.</summary>
    public ModelBackendException(string problem, ModelRemedy remedy, Exception? inner = null) : base(problem, remedy, inner) { }
}
