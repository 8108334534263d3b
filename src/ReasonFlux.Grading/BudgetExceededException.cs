namespace ReasonFlux.Grading;

/// <summary>A comparison went over its bound on time, steps or number size. Never escapes <see cref="Grader"/>.</summary>
internal sealed class BudgetExceededException(string message) : Exception(message);
