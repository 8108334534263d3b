namespace ReasonFlux.Models;

/// <summary>
/// Base of every failure that comes from a model or its backend (load, download, server). The CLI maps
/// these to exit code 3 and prints <see cref="Exception.Message"/> as one line, so messages name the thing and the cause.
/// </summary>
public abstract class ModelException : Exception
{
    protected ModelException(string message, Exception? inner = null) : base(message, inner) { }
}
