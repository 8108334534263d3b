namespace ReasonFlux.Models;

/// <summary>A model server failed: unreachable, refused the key, kept failing, or returned nothing.</summary>
public sealed class ModelBackendException(string message, Exception? inner = null) : ModelException(message, inner);
