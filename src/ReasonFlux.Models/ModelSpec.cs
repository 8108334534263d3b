using ReasonFlux.Models.Hub;

namespace ReasonFlux.Models;

/// <summary>
/// Which model to use, as a user names it: a local GGUF path, <c>hf:OWNER/REPO/FILE.gguf</c>, a model served at an
/// OpenAI-compatible <see cref="Endpoint"/>, or nothing (the pinned <see cref="DefaultModel"/>, pulled on first use).
/// </summary>
public sealed record ModelSpec
{
    /// <summary>A GGUF path, an <c>hf:</c> reference, or (with <see cref="Endpoint"/>) the server's model name. Null: the default model.</summary>
    public string? Model { get; init; }

    /// <summary>Base URL of an OpenAI-compatible server, e.g. <c>http://127.0.0.1:8000/v1</c>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>API key for <see cref="Endpoint"/>; null reads <c>OPENAI_API_KEY</c>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Network timeout per request to <see cref="Endpoint"/>. Null: 10 minutes.</summary>
    public TimeSpan? NetworkTimeout { get; init; }

    /// <summary>How in-process models are loaded (context, threads, GPU layers, chat format).</summary>
    public GgufModelOptions Local { get; init; } = new();

    /// <summary>Where hub downloads go and come from. Null: resolved from the environment.</summary>
    public HubOptions? Hub { get; init; }

    /// <summary>A short description for messages and traces.</summary>
    public override string ToString() =>
        Endpoint is not null ? $"{Model} at {Endpoint}" : Model ?? DefaultModel.File.ToString();
}
