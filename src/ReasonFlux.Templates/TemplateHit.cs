namespace ReasonFlux.Templates;

/// <summary>A search result: a template and its similarity score (higher is closer).</summary>
public sealed record TemplateHit(ThoughtTemplate Template, float Score);
