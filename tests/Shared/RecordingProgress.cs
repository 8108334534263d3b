namespace ReasonFlux.Tests;

/// <summary>An <see cref="IProgress{T}"/> that keeps every report in order, synchronously and thread-safely (unlike <see cref="Progress{T}"/>, which posts).</summary>
internal sealed class RecordingProgress<T> : IProgress<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _values = [];

    /// <summary>Every report so far, in order.</summary>
    public IReadOnlyList<T> Values
    {
        get { lock (_gate) return [.. _values]; }
    }

    /// <inheritdoc />
    public void Report(T value)
    {
        lock (_gate) _values.Add(value);
    }
}
