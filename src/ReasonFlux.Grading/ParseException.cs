namespace ReasonFlux.Grading;

/// <summary>An answer is not parseable as mathematics; carries the position. Never escapes <see cref="Grader"/>.</summary>
internal sealed class ParseException(string message, int position) : Exception($"{message} at position {position}")
{
    public int Position { get; } = position;
}
