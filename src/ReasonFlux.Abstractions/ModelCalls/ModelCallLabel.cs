namespace ReasonFlux.ModelCalls;

/// <summary>What a model call was for, written on its <see cref="ModelCallRecord"/>.</summary>
/// <param name="Purpose">The caller's name for the call, e.g. <c>plan</c>, <c>student</c>, <c>answer</c> or <c>inference</c>.</param>
/// <param name="Sample">The 0-based sample of the solve the call belongs to, when the solve has samples.</param>
/// <param name="Step">The 1-based step the call belongs to, for calls made inside a step.</param>
public readonly record struct ModelCallLabel(string Purpose, int? Sample = null, int? Step = null);
