namespace ReasonFlux.Reasoning.Traces;

/// <summary>One attempt at one step of a trajectory.</summary>
/// <param name="Index">1-based step number.</param>
/// <param name="Attempt">1 for the first attempt, 2… for redos.</param>
/// <param name="Goal">The step of the reasoning flow.</param>
/// <param name="Template">The name of the template that guided the step, if any.</param>
/// <param name="Instruction">The navigator's (tutor's) instruction for the step.</param>
/// <param name="Thinking">The inference model's thinking for the step.</param>
/// <param name="Solution">The inference model's solution of the step.</param>
/// <param name="Review">The navigator's review of the result, when reviewing is on and it happened.</param>
public sealed record StepTrace(int Index, int Attempt, string Goal, string? Template, string Instruction, string Thinking, string Solution, ReviewTrace? Review);
