namespace ReasonFlux.Models;

/// <summary>A model file is missing, not a GGUF, corrupt, or the runtime cannot load it.</summary>
public sealed class ModelLoadException(string message, Exception? inner = null) : ModelException(message, inner);
