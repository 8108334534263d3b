namespace ReasonFlux.Models;

/// <summary>
/// Loads a GGUF file in process. <c>ReasonFlux.Models.Local</c> provides the LLamaSharp implementation; this seam
/// keeps that package (and llama.cpp's native runtimes) out of every application that only talks to servers.
/// </summary>
public interface ILocalModelProvider
{
    /// <summary>Loads the model; throws <see cref="ModelLoadException"/> naming the file and the cause.</summary>
    LocalModel Load(string path, GgufModelOptions options);
}
