namespace ReasonFlux.Models;

/// <summary>
/// Base of every failure that comes from a model or its backend (load, download, server). The message names the thing
/// and the cause in one line; when a setting would get past the failure, <see cref="Remedy"/> says which, so a front end
/// can name its own option for it (the CLI maps these to exit code 3).
/// </summary>
public abstract class ModelException : Exception
{
    /// <summary>Creates the exception with no remedy.</summary>
    protected ModelException(string message, Exception? inner = null) : base(message, inner) => Problem = message;

    /// <summary>Creates the exception: <paramref name="problem"/>, then the remedy in plain words.</summary>
    protected ModelException(string problem, ModelRemedy remedy, Exception? inner = null)
        : base(Compose(problem, remedy, Words(remedy)), inner)
    {
        Problem = problem;
        Remedy = remedy;
    }

    /// <summary>What failed, without the remedy.</summary>
    public string Problem { get; }

    /// <summary>The setting that would get past the failure, if any.</summary>
    public ModelRemedy Remedy { get; }

    /// <summary>The message of <paramref name="problem"/> with a remedy worded as <paramref name="remedyText"/>.</summary>
    public static string Compose(string problem, ModelRemedy remedy, string remedyText) => remedy switch
    {
        ModelRemedy.None => problem,
        ModelRemedy.RunWithoutHub => $"{problem} {remedyText}",
        _ => $"{problem}; {remedyText}",
    };

    private static string Words(ModelRemedy remedy) => remedy switch
    {
        ModelRemedy.CheckEndpoint => "check the endpoint URL",
        ModelRemedy.CheckApiKey => $"give the API key or set {OpenAICompatible.OpenAIEndpoint.ApiKeyVariable}",
        ModelRemedy.CheckModelName => "check the model name and that the URL ends with the API path, e.g. /v1",
        ModelRemedy.GiveModelName => "give the model name the server serves",
        ModelRemedy.RaiseContextSize => "raise the context size",
        ModelRemedy.UseEndpoint => "to use a model served over HTTP, give the server's endpoint URL with this model name",
        ModelRemedy.RunWithoutHub => "To run without the hub, use a local GGUF file or an OpenAI-compatible server.",
        _ => "",
    };
}

/// <summary>The setting that would get past a <see cref="ModelException"/>.</summary>
public enum ModelRemedy
{
    /// <summary>No setting helps (the server failed, the file is corrupt…).</summary>
    None,

    /// <summary>The endpoint URL names no reachable host.</summary>
    CheckEndpoint,

    /// <summary>The server refused the API key.</summary>
    CheckApiKey,

    /// <summary>The server does not serve the model name (or the URL misses the API path).</summary>
    CheckModelName,

    /// <summary>An endpoint was given without the model name it serves.</summary>
    GiveModelName,

    /// <summary>The prompt does not fit the in-process model's context.</summary>
    RaiseContextSize,

    /// <summary>The model is neither a file nor a hub reference; a served model needs its endpoint.</summary>
    UseEndpoint,

    /// <summary>The hub cannot be reached; a local file or a server would do without it.</summary>
    RunWithoutHub,
}
