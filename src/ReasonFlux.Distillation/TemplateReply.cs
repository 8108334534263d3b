using System.Text.Json.Nodes;
using ReasonFlux.Templates;

namespace ReasonFlux.Distillation;

/// <summary>What was read from a distiller reply: a template that passed schema validation, or why not.</summary>
/// <param name="Template">The template object in the official schema (only its fields, strings cleaned), or null.</param>
/// <param name="View">The library's normalised view of it (example answer and all), or null.</param>
/// <param name="Chapter">The chapter the distiller proposed, or "".</param>
/// <param name="Section">The section the distiller proposed, or "".</param>
/// <param name="Error">Why the reply cannot be used, or null.</param>
/// <param name="Unreadable">True when no template object was found at all; false when one was found but failed the schema.</param>
internal sealed record TemplateReply(JsonObject? Template, ThoughtTemplate? View, string Chapter, string Section, string? Error, bool Unreadable);
