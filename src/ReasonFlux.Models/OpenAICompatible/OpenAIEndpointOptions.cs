namespace ReasonFlux.Models.OpenAICompatible;

/// <summary>Where and how to reach an OpenAI-compatible chat server (vLLM, SGLang, llama.cpp server, Ollama, OpenAI).</summary>
public sealed record OpenAIEndpointOptions
{
    /// <summary>The base URL users give, including the API version path, e.g. <c>http://127.0.0.1:8000/v1</c>.</summary>
    public required Uri Endpoint { get; init; }

    /// <summary>The model name the server serves, sent as <c>model</c> in every request.</summary>
    public required string Model { get; init; }

    /// <summary>
    /// The API key sent as a bearer token. When <see langword="null"/>: the <c>OPENAI_API_KEY</c> environment variable,
    /// and failing that a placeholder, because local servers usually need none but the client insists on one.
    /// </summary>
    public string? ApiKey { get; init; }

    /// <summary>
    /// How long one HTTP request may take before it counts as timed out (and may be retried).
    /// Default: <see cref="OpenAIEndpoint.DefaultNetworkTimeout"/>, long because a non-streamed long chain of thought
    /// arrives only when it is complete.
    /// </summary>
    public TimeSpan? NetworkTimeout { get; init; }

    /// <summary>
    /// Whether to send the output cap as the legacy <c>max_tokens</c> next to <c>max_completion_tokens</c>.
    /// Default (<see langword="null"/>): yes, except for api.openai.com, because Ollama and older llama.cpp builds
    /// ignore the newer name.
    /// </summary>
    public bool? SendLegacyMaxTokens { get; init; }
}
