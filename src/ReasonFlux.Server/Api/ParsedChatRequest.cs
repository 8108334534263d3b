namespace ReasonFlux.Server.Api;

/// <summary>A validated chat completion request: which model, the problem (the last user message) and its settings.</summary>
internal sealed record ParsedChatRequest(ServedModel Model, string Problem, ChatRequestSettings Settings, bool Stream, bool IncludeUsage);
