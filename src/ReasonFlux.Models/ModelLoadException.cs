namespace ReasonFlux.Models;

/// <summary>A model file is missing, not a GGUF, corrupt, or the runtime cannot load it.</summary>
public sealed class ModelLoadException : ModelException
{
    /// <summary>Creates the exception.</summary>
    public ModelLoadException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Creates the exception with the setting that would get past it.</summary>
    public ModelLoadException(string problem, ModelRemedy remedy, Exception? inner = null) : base(problem, remedy, inner) { }
}
