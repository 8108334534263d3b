namespace ReasonFlux.Grading;

/// <summary>A comparison went over its bound on time, steps or number size. Never escapes <see cref="Grader"/>.</summary>
/// <param name="message">What bound was passed.</param>
/// <param name="outOfTime">The time bound: the whole grading stops, where a size bound only stops one evaluation.</param>
internal sealed class BudgetExceededException(string message, bool outOfTime = false) : Exception(message)
{
    public bool OutOfTime { get; } = outOfTime;
}
