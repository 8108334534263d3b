using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

namespace ReasonFlux.Models.OpenAICompatible;

/// <summary>Builds <see cref="IChatClient"/>s that talk to OpenAI-compatible chat servers.</summary>
public static class OpenAIEndpoint
{
    /// <summary>The API key environment variable read when none is given.</summary>
    public const string ApiKeyVariable = "OPENAI_API_KEY";

    /// <summary>Per-request network timeout when <see cref="OpenAIEndpointOptions.NetworkTimeout"/> is not set: 10 minutes.</summary>
    public static readonly TimeSpan DefaultNetworkTimeout = TimeSpan.FromMinutes(10);

    // Local servers (vLLM, llama.cpp, Ollama) ignore the key, but the OpenAI client refuses an empty one.
    private const string PlaceholderApiKey = "no-key";

    /// <summary>
    /// Creates a chat client for the server at <see cref="OpenAIEndpointOptions.Endpoint"/>. Failures surface as
    /// <see cref="ModelBackendException"/> with a one-line message (unreachable, key rejected, model not found,
    /// server error, malformed reply; an empty reply is returned as it is). The OpenAI client's own retries are off: compose retries, limits and accounting
    /// with <see cref="Middleware.ChatPipeline"/> so there is exactly one retry layer.
    /// </summary>
    /// <exception cref="ModelBackendException">The endpoint is not an absolute http(s) URL or the model name is empty.</exception>
    public static IChatClient CreateChatClient(OpenAIEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.Endpoint;
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
        {
            throw new ModelBackendException($"endpoint '{endpoint}' must be an absolute http:// or https:// URL, e.g. http://127.0.0.1:8000/v1");
        }
        if (string.IsNullOrWhiteSpace(options.Model))
        {
            throw new ModelBackendException($"no model name given for endpoint {endpoint}", ModelRemedy.GiveModelName);
        }

        // The client appends "/chat/completions" itself; a trailing slash would double it.
        var baseUri = new Uri(endpoint.AbsoluteUri.TrimEnd('/'));
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = baseUri,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = options.NetworkTimeout ?? DefaultNetworkTimeout,
        };
        var apiKey = ResolveApiKey(options.ApiKey);
        var chat = new ChatClient(options.Model, new ApiKeyCredential(apiKey), clientOptions);
        var client = chat.AsIChatClient();
        if (options.SendLegacyMaxTokens ?? !IsOpenAIService(baseUri)) client = new LegacyMaxTokensChatClient(client);
        return new OpenAIErrorChatClient(client, baseUri, options.Model);
    }

    /// <summary>OpenAI's own service rejects <c>max_tokens</c> for reasoning models; every other server gets both names.</summary>
    internal static bool IsOpenAIService(Uri endpoint) =>
        endpoint.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase);

    internal static string ResolveApiKey(string? given)
    {
        if (!string.IsNullOrWhiteSpace(given)) return given;
        var fromEnvironment = Environment.GetEnvironmentVariable(ApiKeyVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? PlaceholderApiKey : fromEnvironment;
    }
}
