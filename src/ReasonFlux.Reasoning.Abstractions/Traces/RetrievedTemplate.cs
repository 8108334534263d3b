namespace ReasonFlux.Reasoning.Traces;

/// <summary>One template a retrieval returned, with its score.</summary>
public sealed record RetrievedTemplate(string Id, string Name, string Chapter, string Section, float Score);
