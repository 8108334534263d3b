using System.ClientModel;
using System.Text;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Models;

namespace ReasonFlux.Server.Tests;

/// <summary>The official OpenAI .NET client against the real server, over the in-process stories260K model.</summary>
public sealed class OpenAIClientTests(StoriesServerFixture fixture) : IClassFixture<StoriesServerFixture>
{
    private const string Model = "reasonflux-direct";

    private ChatClient Chat() => new(Model, new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = fixture.Server.ApiBase });

    private static ChatCompletionOptions Greedy(int maxTokens) => new() { MaxOutputTokenCount = maxTokens, Temperature = 0 };

    [Fact]
    public async Task Non_streaming_completion_returns_the_models_text_usage_and_served_model_name()
    {
        var result = await Chat().CompleteChatAsync([new UserChatMessage("Once upon a time")], Greedy(24), TestContext.Current.CancellationToken);
        var completion = result.Value;
        Assert.Equal(Model, completion.Model);
        Assert.Equal(ChatMessageRole.Assistant, completion.Role);
        Assert.False(string.IsNullOrWhiteSpace(completion.Content[0].Text));
        Assert.Equal(24, completion.Usage.OutputTokenCount);
        Assert.True(completion.Usage.InputTokenCount > 0);
        Assert.Equal(ChatFinishReason.Length, completion.FinishReason);
    }

    [Fact]
    public async Task Streaming_yields_the_same_text_as_non_streaming_and_usage_at_the_end()
    {
        var ct = TestContext.Current.CancellationToken;
        var whole = (await Chat().CompleteChatAsync([new UserChatMessage("Once upon a time")], Greedy(20), ct)).Value.Content[0].Text;
        var streamed = new StringBuilder();
        var updates = 0;
        ChatTokenUsage? usage = null;
        ChatFinishReason? finish = null;
        await foreach (var update in Chat().CompleteChatStreamingAsync([new UserChatMessage("Once upon a time")], Greedy(20), ct))
        {
            updates++;
            foreach (var part in update.ContentUpdate) streamed.Append(part.Text);
            usage = update.Usage ?? usage;
            finish = update.FinishReason ?? finish;
        }
        Assert.Equal(whole.Trim(), streamed.ToString().Trim());
        Assert.True(updates > 3, $"only {updates} updates");
        Assert.NotNull(usage);
        Assert.Equal(20, usage.OutputTokenCount);
        Assert.Equal(ChatFinishReason.Length, finish);
    }

    [Fact]
    public async Task Stop_sequence_cuts_the_reply_before_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var free = (await Chat().CompleteChatAsync([new UserChatMessage("Once upon a time")], Greedy(40), ct)).Value.Content[0].Text;
        var words = free.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var stop = words[words.Length / 2];
        var options = Greedy(40);
        options.StopSequences.Add(stop);
        var cut = (await Chat().CompleteChatAsync([new UserChatMessage("Once upon a time")], options, ct)).Value;
        Assert.DoesNotContain(stop, cut.Content[0].Text, StringComparison.Ordinal);
        Assert.StartsWith(cut.Content[0].Text.Trim(), free.Trim(), StringComparison.Ordinal);
        Assert.Equal(ChatFinishReason.Stop, cut.FinishReason);
    }

    [Fact]
    public async Task N_above_one_returns_one_choice_per_sample_and_the_voted_answer()
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        var body = """{"model":"reasonflux-direct","messages":[{"role":"user","content":"Once upon a time"}],"n":2,"max_tokens":8,"temperature":0.8,"seed":3}""";
        using var response = await http.PostAsync("v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(200, (int)response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var choices = json.RootElement.GetProperty("choices");
        Assert.Equal([0, 1], choices.EnumerateArray().Select(c => c.GetProperty("index").GetInt32()));
        Assert.Equal(2, json.RootElement.GetProperty("reasonflux").GetProperty("samples").GetArrayLength());
        Assert.Equal(16, json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Model_list_names_the_served_models()
    {
        var client = new OpenAIModelClient(new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = fixture.Server.ApiBase });
        var models = (await client.GetModelsAsync(TestContext.Current.CancellationToken)).Value;
        Assert.Equal([Model], models.Select(m => m.Id));
        Assert.Equal("reasonflux", models[0].OwnedBy);
    }
}
