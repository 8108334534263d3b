using System.ClientModel;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;

namespace ReasonFlux.Server.Tests;

/// <summary>The documented extras: thinking in <c>reasoning_content</c>, the solver's answer in <c>reasonflux</c>.</summary>
public sealed class ReasoningTraceTests
{
    private static StringContent Body(bool stream, string extra = "") => new(
        $$"""{"model":"scripted","messages":[{"role":"system","content":"Be brief."},{"role":"user","content":"What is 2+2?"}],"stream":{{(stream ? "true" : "false")}}{{extra}}}""",
        Encoding.UTF8, "application/json");

    [Fact]
    public async Task Non_streaming_message_carries_thinking_in_reasoning_content_and_the_answer_in_reasonflux()
    {
        var solver = new ScriptedSolver();
        await using var server = await TestServers.StartAsync(solver);
        using var http = TestServers.Http(server);
        using var response = await http.PostAsync("v1/chat/completions", Body(stream: false), TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var root = json.RootElement;
        var message = root.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("The answer is \\boxed{4}.", message.GetProperty("content").GetString());
        Assert.Equal("Two and two make four.", message.GetProperty("reasoning_content").GetString());
        Assert.Equal("4", root.GetProperty("reasonflux").GetProperty("answer").GetString());
        Assert.Equal("scripted-backend", root.GetProperty("reasonflux").GetProperty("backend_model").GetString());
        Assert.Equal(6, root.GetProperty("usage").GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32());
        Assert.Equal(22, root.GetProperty("usage").GetProperty("total_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_sends_thinking_as_reasoning_content_deltas_then_content_then_done()
    {
        var solver = new ScriptedSolver();
        await using var server = await TestServers.StartAsync(solver);
        using var http = TestServers.Http(server);
        using var response = await http.PostAsync("v1/chat/completions", Body(stream: true, ""","stream_options":{"include_usage":true}"""), TestContext.Current.CancellationToken);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))
            .Split("\n\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.All(events, e => Assert.StartsWith("data: ", e, StringComparison.Ordinal));
        Assert.Equal("data: [DONE]", events[^1]);
        var chunks = events[..^1].Select(e => JsonDocument.Parse(e["data: ".Length..]).RootElement).ToList();
        var reasoning = string.Concat(chunks.SelectMany(c => c.GetProperty("choices").EnumerateArray())
            .Select(c => c.GetProperty("delta").TryGetProperty("reasoning_content", out var r) ? r.GetString() : ""));
        var content = string.Concat(chunks.SelectMany(c => c.GetProperty("choices").EnumerateArray())
            .Select(c => c.GetProperty("delta").TryGetProperty("content", out var r) ? r.GetString() : ""));
        Assert.Equal("<think>Two and two make four.</think>", reasoning);
        Assert.Equal("The answer is \\boxed{4}.", content);
        Assert.Equal("assistant", chunks[0].GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("stop", chunks[^2].GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal("4", chunks[^2].GetProperty("reasonflux").GetProperty("answer").GetString());
        Assert.Equal(0, chunks[^1].GetProperty("choices").GetArrayLength());
        Assert.Equal(10, chunks[^1].GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Stream_without_include_usage_sends_no_usage_chunk()
    {
        var solver = new ScriptedSolver();
        await using var server = await TestServers.StartAsync(solver);
        using var http = TestServers.Http(server);
        using var response = await http.PostAsync("v1/chat/completions", Body(stream: true), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("\"usage\"", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_settings_reach_the_solver_factory()
    {
        var solver = new ScriptedSolver();
        await using var server = await TestServers.StartAsync(solver);
        using var http = TestServers.Http(server);
        using var response = await http.PostAsync("v1/chat/completions",
            Body(stream: false, ""","max_completion_tokens":77,"temperature":0.5,"top_p":0.9,"seed":42,"n":3,"stop":["\n\n","END"]"""), TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(new ChatRequestSettings(77, 0.5f, 0.9f, 42, 3, ["\n\n", "END"]) with { Stop = solver.LastSettings!.Stop }, solver.LastSettings);
        Assert.Equal(["\n\n", "END"], solver.LastSettings.Stop);
    }

    [Fact]
    public async Task OpenAI_client_streaming_over_the_scripted_solver_sees_only_the_answer_as_content()
    {
        var solver = new ScriptedSolver();
        await using var server = await TestServers.StartAsync(solver);
        var chat = new ChatClient("scripted", new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = server.ApiBase });
        var text = new StringBuilder();
        await foreach (var update in chat.CompleteChatStreamingAsync([new UserChatMessage("What is 2+2?")], cancellationToken: TestContext.Current.CancellationToken))
            foreach (var part in update.ContentUpdate) text.Append(part.Text);
        Assert.Equal("The answer is \\boxed{4}.", text.ToString());
    }
}
