namespace ReasonFlux.Models;

/// <summary>A download from the model hub failed or did not verify.</summary>
public sealed class ModelDownloadException(string message, Exception? inner = null) : ModelException(message, inner);
