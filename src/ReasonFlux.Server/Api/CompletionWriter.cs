using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using ReasonFlux.Reasoning;
using ReasonFlux.Reasoning.Direct;

namespace ReasonFlux.Server.Api;

/// <summary>Turns a solution, or a stream of solve updates, into Chat Completions JSON or SSE chunks for one request.</summary>
internal sealed class CompletionWriter(HttpContext http, ParsedChatRequest request, string requestId)
{
    private readonly string _id = "chatcmpl-" + requestId.Replace(':', '-');
    private readonly long _created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
    private readonly HashSet<int> _opened = [];
    private string Model => request.Model.Name;

    public Task WriteCompletionAsync(Solution solution, CancellationToken ct)
    {
        var choices = Choices(solution)
            .Select((c, i) => new CompletionChoice(i, new AssistantMessage("assistant", c.Content, c.Reasoning), c.Finish))
            .ToList();
        var body = new ChatCompletion(_id, "chat.completion", _created, Model, choices, Usage(solution), Trace(solution));
        return http.Response.WriteAsJsonAsync(body, WireJson.Default.ChatCompletion, contentType: null, ct);
    }

    public Task WriteUpdateAsync(SolveUpdate update, CancellationToken ct)
    {
        var delta = update.Kind switch
        {
            SolveUpdateKind.Thinking => new ChunkDelta(Content: null, ReasoningContent: update.Text),
            SolveUpdateKind.Answer => new ChunkDelta(Content: update.Text),
            _ => null,
        };
        if (delta is null)
            return WriteChunkAsync(Chunk([], trace: new ReasonFluxTrace(Status: update.Text, Sample: update.Sample)), ct);
        if (_opened.Add(update.Sample)) delta = delta with { Role = "assistant" };
        return WriteChunkAsync(Chunk([new ChunkChoice(update.Sample, delta)]), ct);
    }

    public async Task WriteStreamEndAsync(Solution solution, CancellationToken ct)
    {
        var finals = Choices(solution).Select((c, i) => new ChunkChoice(i, _opened.Add(i) ? new ChunkDelta(Role: "assistant") : new ChunkDelta(), c.Finish)).ToList();
        await WriteChunkAsync(Chunk(finals, trace: Trace(solution)), ct).ConfigureAwait(false);
        if (request.IncludeUsage) await WriteChunkAsync(Chunk([], Usage(solution)), ct).ConfigureAwait(false);
        await WriteRawAsync("data: [DONE]\n\n"u8.ToArray(), ct).ConfigureAwait(false);
    }

    /// <summary>After the stream has started the status is sent; the error goes out as a last event, as OpenAI does.</summary>
    public Task WriteStreamErrorAsync(ApiException error) => WriteEventAsync(error.ToBody(), WireJson.Default.ErrorEnvelope, CancellationToken.None);

    private ChatCompletionChunk Chunk(IReadOnlyList<ChunkChoice> choices, UsageBody? usage = null, ReasonFluxTrace? trace = null) =>
        new(_id, "chat.completion.chunk", _created, Model, choices, usage, trace);

    private Task WriteChunkAsync(ChatCompletionChunk chunk, CancellationToken ct) => WriteEventAsync(chunk, WireJson.Default.ChatCompletionChunk, ct);

    private async Task WriteEventAsync<T>(T value, JsonTypeInfo<T> type, CancellationToken ct)
    {
        Start();
        var writer = http.Response.BodyWriter;
        writer.Write("data: "u8);
        using (var json = new Utf8JsonWriter(writer)) JsonSerializer.Serialize(json, value, type);
        writer.Write("\n\n"u8);
        await writer.FlushAsync(ct).ConfigureAwait(false);
    }

    private async Task WriteRawAsync(byte[] bytes, CancellationToken ct)
    {
        Start();
        await http.Response.BodyWriter.WriteAsync(bytes, ct).ConfigureAwait(false);
    }

    private void Start()
    {
        if (http.Response.HasStarted) return;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    private static IEnumerable<(string Content, string? Reasoning, string Finish)> Choices(Solution solution)
    {
        if (solution.Samples.Count == 0)
        {
            var (thinking, answer) = ThinkingSplit.Split(solution.Text, startsInThinking: solution.Thinking.Length > 0);
            yield return (answer, NullIfEmpty(solution.Thinking.Length > 0 ? solution.Thinking : thinking), "stop");
            yield break;
        }
        foreach (var s in solution.Samples) yield return (s.AnswerText, NullIfEmpty(s.Thinking), s.Truncated ? "length" : "stop");
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static UsageBody Usage(Solution solution) => new(
        solution.Usage.PromptTokens, solution.Usage.CompletionTokens, solution.Usage.PromptTokens + solution.Usage.CompletionTokens,
        new CompletionTokensDetails(solution.Samples.Sum(s => (long)s.ThinkingTokens)));

    private static ReasonFluxTrace Trace(Solution solution) => new(
        solution.Answer,
        solution.Samples.Select(s => new SampleTrace(s.Answer, s.ThinkingTokens, s.Truncated)).ToList(),
        solution.Model,
        (long)solution.Elapsed.TotalMilliseconds);
}
