using System.Text.Json.Serialization;

namespace ReasonFlux.Server.Api;

// Response shapes of the OpenAI Chat Completions API, plus the documented extras: reasoning_content (the thinking
// text, the field vLLM and DeepSeek use) and reasonflux (the solver's answer and per-sample trace).

internal sealed record ChatCompletion(
    string Id, string Object, long Created, string Model, IReadOnlyList<CompletionChoice> Choices, UsageBody Usage, ReasonFluxTrace Reasonflux);

internal sealed record CompletionChoice(int Index, AssistantMessage Message, string FinishReason);

internal sealed record AssistantMessage(string Role, string Content, string? ReasoningContent);

internal sealed record ChatCompletionChunk(
    string Id, string Object, long Created, string Model, IReadOnlyList<ChunkChoice> Choices, UsageBody? Usage = null, ReasonFluxTrace? Reasonflux = null);

internal sealed record ChunkChoice(
    int Index, ChunkDelta Delta, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? FinishReason = null);

internal sealed record ChunkDelta(string? Role = null, string? Content = null, string? ReasoningContent = null);

internal sealed record UsageBody(long PromptTokens, long CompletionTokens, long TotalTokens, CompletionTokensDetails CompletionTokensDetails);

internal sealed record CompletionTokensDetails(long ReasoningTokens);

/// <summary>The <c>reasonflux</c> extra: the solver's final answer, per-sample answers, progress notes while streaming.</summary>
internal sealed record ReasonFluxTrace(
    string? Answer = null, IReadOnlyList<SampleTrace>? Samples = null, string? BackendModel = null, long? ElapsedMs = null, string? Status = null, int? Sample = null);

internal sealed record SampleTrace(string? Answer, int ThinkingTokens, bool Truncated);

internal sealed record ModelList(string Object, IReadOnlyList<ModelCard> Data);

internal sealed record ModelCard(string Id, string Object, long Created, string OwnedBy);

internal sealed record ErrorEnvelope(ErrorBody Error);

internal sealed record ErrorBody(
    string Message, string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);

internal sealed record HealthBody(string Status, IReadOnlyList<string> Models);
