namespace ReasonFlux.Grading;

/// <summary>Options for <see cref="Grader"/>. Null properties take their documented defaults.</summary>
public sealed record GradingOptions
{
    /// <summary>Shared default options.</summary>
    public static GradingOptions Default { get; } = new();

    /// <summary>Decimal places for comparing a decimal written by the model with an exact value: the two agree when
    /// they differ by at most 10^-Precision (Math-Verify's rule). Exact values are compared exactly, irrational
    /// ones with a relative tolerance of 1e-9. Default: 6.</summary>
    public int? Precision { get; init; }

    /// <summary>Work budget for one grading — answer extraction, parsing and comparison together — in work units:
    /// a tree node visited, a polynomial term multiplied, 16 characters scanned, 256 bits of a big-number result.
    /// Over it the verdict is "different" and its reason starts with "over bound" and names the phase. Counting
    /// work, not time, makes every verdict reproducible on a loaded machine. Default: 1,000,000 (a few tens of
    /// milliseconds of the slowest kind of work on one core).</summary>
    public long? MaxWork { get; init; }

    /// <summary>Last-resort wall-clock guard for one grading, far beyond what <see cref="MaxWork"/> allows; it only
    /// matters if some work escaped the count. Time the JIT spends compiling the grader on first use does not
    /// count. Default: 2 seconds.</summary>
    public TimeSpan? WallClockGuard { get; init; }

    /// <summary>Options for extracting answers from replies. Default: <see cref="ExtractionOptions.Default"/>.</summary>
    public ExtractionOptions? Extraction { get; init; }

    internal int DecimalPlaces => Math.Clamp(Precision ?? 6, 0, 15);
    internal TimeSpan WallGuard => WallClockGuard is { } t && t > TimeSpan.Zero ? t : TimeSpan.FromSeconds(2);
    internal long WorkLimit => MaxWork is > 0 and var n ? n : 1_000_000;
}
