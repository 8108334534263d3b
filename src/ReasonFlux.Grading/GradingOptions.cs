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

    /// <summary>Wall-clock bound for one comparison; over it the verdict is "different" and says so. Default: 100 ms.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Bound on evaluation steps for one comparison (node visits). Default: 200,000.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Options for extracting answers from replies. Default: <see cref="ExtractionOptions.Default"/>.</summary>
    public ExtractionOptions? Extraction { get; init; }

    internal int DecimalPlaces => Math.Clamp(Precision ?? 6, 0, 15);
    internal TimeSpan Budget => TimeBudget is { } t && t > TimeSpan.Zero ? t : TimeSpan.FromMilliseconds(100);
    internal int StepLimit => MaxSteps is > 0 and var n ? n : 200_000;
}
