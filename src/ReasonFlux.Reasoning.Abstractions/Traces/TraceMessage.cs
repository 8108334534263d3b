namespace ReasonFlux.Reasoning.Traces;

/// <summary>One message sent to a model.</summary>
/// <param name="Role">system, user or assistant.</param>
/// <param name="Text">The message text.</param>
public sealed record TraceMessage(string Role, string Text);
