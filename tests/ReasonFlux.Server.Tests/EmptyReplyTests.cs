using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ReasonFlux.Reasoning.Direct;

namespace ReasonFlux.Server.Tests;

/// <summary>A model that answers with nothing gets its empty reply served, as llama.cpp's server does: 200, not 502.</summary>
public sealed class EmptyReplyTests
{
    private static Task<ReasonFluxServer> StartAsync(ChatFinishReason finish) => TestServers.StartAsync(new ScriptedSolver(), o => o with
    {
        Models = [new ServedModel("silent", _ => new DirectSolver(new EmptyChatClient(finish)))],
    });

    [Theory]
    [InlineData("stop")]
    [InlineData("length")]
    public async Task An_empty_reply_is_200_with_its_finish_reason(string finish)
    {
        await using var server = await StartAsync(new ChatFinishReason(finish));
        using var http = TestServers.Http(server);
        var body = """{"model":"silent","messages":[{"role":"user","content":"x"}]}""";

        using var response = await http.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var choice = JsonDocument.Parse(text).RootElement.GetProperty("choices")[0];
        Assert.Equal(finish, choice.GetProperty("finish_reason").GetString());
        Assert.Equal("", choice.GetProperty("message").GetProperty("content").GetString());
    }

    [Fact]
    public async Task An_empty_streamed_reply_ends_with_done()
    {
        await using var server = await StartAsync(ChatFinishReason.Stop);
        using var http = TestServers.Http(server);
        var body = """{"model":"silent","messages":[{"role":"user","content":"x"}],"stream":true}""";

        using var response = await http.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"finish_reason\":\"stop\"", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
    }

    private sealed class EmptyChatClient(ChatFinishReason finish) : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "")) { FinishReason = finish, ModelId = "silent-backend" });

        public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
            IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            yield return new ChatResponseUpdate(ChatRole.Assistant, "") { FinishReason = finish, ModelId = "silent-backend" };
        }

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
