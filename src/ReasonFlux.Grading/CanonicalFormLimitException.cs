namespace ReasonFlux.Grading;

/// <summary>An expansion into canonical form went over its size bound; the comparison falls back to evaluation.
/// Never escapes <see cref="CanonicalForm"/>.</summary>
internal sealed class CanonicalFormLimitException(string message) : Exception(message);
