using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Models.Tests.OpenAICompatible;

public sealed class OpenAIEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IChatClient Client(LoopbackChatServer server, string model = "qwen-test", string? apiKey = "test-key", TimeSpan? timeout = null) =>
        OpenAIEndpoint.CreateChatClient(new() { Endpoint = server.BaseUri, Model = model, ApiKey = apiKey, NetworkTimeout = timeout });

    [Fact]
    public async Task Non_streaming_request_carries_the_model_and_every_sampling_setting()
    {
        await using var server = LoopbackChatServer.Start();
        using var client = Client(server);
        var options = new ChatOptions { Temperature = 0.6f, TopP = 0.95f, MaxOutputTokens = 512, Seed = 7, StopSequences = ["</answer>"] };

        await client.GetResponseAsync([new(ChatRole.System, "be brief"), new(ChatRole.User, "1+1?")], options, Ct);

        var expected = JsonNode.Parse("""
            {"temperature":0.6,"top_p":0.95,
             "messages":[{"role":"system","content":"be brief"},{"role":"user","content":"1+1?"}],
             "model":"qwen-test","max_completion_tokens":512,"stop":["</answer>"],"seed":7,"max_tokens":512}
            """);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/v1/chat/completions", request.Path);
        Assert.True(JsonNode.DeepEquals(expected, request.Json), request.Body);
    }

    [Fact]
    public async Task Non_streaming_reply_gives_text_and_usage()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.Completion("x = 2", promptTokens: 11, completionTokens: 3));
        using var client = Client(server);

        var response = await client.GetResponseAsync("solve", cancellationToken: Ct);

        Assert.Equal("x = 2", response.Text);
        Assert.Equal((11L, 3L), (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount));
    }

    [Fact]
    public async Task Streaming_returns_the_pieces_in_order_and_the_usage()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.StreamedCompletion(["The ", "answer ", "is ", "4."], promptTokens: 9, completionTokens: 4));
        using var client = Client(server);

        var pieces = new List<string>();
        UsageDetails? usage = null;
        await foreach (var update in client.GetStreamingResponseAsync("2+2?", cancellationToken: Ct))
        {
            if (update.Text.Length > 0) pieces.Add(update.Text);
            usage ??= update.Contents.OfType<UsageContent>().FirstOrDefault()?.Details;
        }

        Assert.Equal(["The ", "answer ", "is ", "4."], pieces);
        Assert.Equal((9L, 4L), (usage?.InputTokenCount, usage?.OutputTokenCount));
    }

    [Fact]
    public async Task Streaming_request_asks_the_server_to_include_usage()
    {
        await using var server = LoopbackChatServer.Start();
        server.Enqueue(LoopbackReply.StreamedCompletion(["ok"]));
        using var client = Client(server);

        await foreach (var _ in client.GetStreamingResponseAsync("hi", cancellationToken: Ct)) { }

        var body = Assert.Single(server.Requests).JsonObject;
        Assert.Equal(true, body["stream"]?.GetValue<bool>());
        Assert.Equal(true, body["stream_options"]?["include_usage"]?.GetValue<bool>());
    }

    [Fact]
    public async Task Api_key_is_sent_as_a_bearer_token()
    {
        await using var server = LoopbackChatServer.Start();
        using var client = Client(server, apiKey: "sk-loopback");

        await client.GetResponseAsync("hi", cancellationToken: Ct);

        Assert.Equal("Bearer sk-loopback", Assert.Single(server.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task Endpoint_with_a_trailing_slash_still_posts_to_chat_completions()
    {
        await using var server = LoopbackChatServer.Start();
        using var client = OpenAIEndpoint.CreateChatClient(new() { Endpoint = new Uri(server.BaseUri + "/"), Model = "m" });

        await client.GetResponseAsync("hi", cancellationToken: Ct);

        Assert.Equal("/v1/chat/completions", Assert.Single(server.Requests).Path);
    }

    [Fact]
    public async Task Legacy_max_tokens_is_left_out_when_switched_off()
    {
        await using var server = LoopbackChatServer.Start();
        using var client = OpenAIEndpoint.CreateChatClient(new() { Endpoint = server.BaseUri, Model = "m", SendLegacyMaxTokens = false });

        await client.GetResponseAsync("hi", new ChatOptions { MaxOutputTokens = 64 }, Ct);

        var body = Assert.Single(server.Requests).JsonObject;
        Assert.Equal(64, body["max_completion_tokens"]?.GetValue<int>());
        Assert.False(body.ContainsKey("max_tokens"));
    }

    [Fact]
    public void OpenAI_service_is_the_only_endpoint_without_legacy_max_tokens()
    {
        Assert.True(OpenAIEndpoint.IsOpenAIService(new Uri("https://api.openai.com/v1")));
        Assert.False(OpenAIEndpoint.IsOpenAIService(new Uri("http://127.0.0.1:11434/v1")));
    }

    [Fact]
    public async Task Missing_api_key_comes_from_OPENAI_API_KEY_and_else_a_placeholder()
    {
        // The only test that touches this variable; it restores whatever the machine had.
        var saved = Environment.GetEnvironmentVariable(OpenAIEndpoint.ApiKeyVariable);
        try
        {
            await using var server = LoopbackChatServer.Start();
            Environment.SetEnvironmentVariable(OpenAIEndpoint.ApiKeyVariable, null);
            using (var client = Client(server, apiKey: null)) await client.GetResponseAsync("hi", cancellationToken: Ct);
            Environment.SetEnvironmentVariable(OpenAIEndpoint.ApiKeyVariable, "sk-from-env");
            using (var client = Client(server, apiKey: null)) await client.GetResponseAsync("hi", cancellationToken: Ct);

            Assert.Equal(["Bearer no-key", "Bearer sk-from-env"], server.Requests.Select(r => r.Headers["Authorization"]));
        }
        finally
        {
            Environment.SetEnvironmentVariable(OpenAIEndpoint.ApiKeyVariable, saved);
        }
    }

    [Fact]
    public void Given_api_key_wins_over_the_environment()
    {
        Assert.Equal("given", OpenAIEndpoint.ResolveApiKey("given"));
    }

    [Fact]
    public void Endpoint_that_is_not_http_is_rejected_with_an_example()
    {
        var ex = Assert.Throws<ModelBackendException>(() =>
            OpenAIEndpoint.CreateChatClient(new() { Endpoint = new Uri("ftp://127.0.0.1/v1"), Model = "m" }));
        Assert.Contains("http://127.0.0.1:8000/v1", ex.Message);
    }
}
