namespace ReasonFlux.Models;

/// <summary>A download from the model hub failed or did not verify.</summary>
public sealed class ModelDownloadException : ModelException
{
    /// <summary>Creates the exception.</summary>
    public ModelDownloadException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Creates the exception with the setting that would get past it.</summary>
    public ModelDownloadException(string problem, ModelRemedy remedy, Exception? inner = null) : base(problem, remedy, inner) { }
}
