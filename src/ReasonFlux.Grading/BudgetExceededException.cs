namespace ReasonFlux.Grading;

/// <summary>A grading went over a bound: its work budget, a number-size bound, or the wall-clock guard. Never
/// escapes <see cref="Grader"/>.</summary>
/// <param name="message">What bound was passed.</param>
/// <param name="stopsGrading">The work budget or the wall-clock guard: the whole grading stops, where a size bound
/// only stops one evaluation (which may then be done another way).</param>
internal sealed class BudgetExceededException(string message, bool stopsGrading = false) : Exception(message)
{
    public bool StopsGrading { get; } = stopsGrading;
}
