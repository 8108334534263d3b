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

    /// <summary>Wall-clock bound for one grading: answer extraction, parsing and comparison together. Over it the
    /// verdict is "different" and its reason starts with "over bound" and names the phase. The clock is read
    /// between extraction rules (each a linear scan of at most <see cref="ExtractionOptions.MaxReplyLength"/>
    /// characters), every 64 parser steps and every 256 evaluation steps. Time the JIT spends compiling the
    /// grader on first use does not count. Default: 100 ms.</summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Bound on evaluation steps for one comparison (node visits). Default: 200,000.</summary>
    public int? MaxSteps { get; init; }

    /// <summary>Options for extracting answers from replies. Default: <see cref="ExtractionOptions.Default"/>.</summary>
    public ExtractionOptions? Extraction { get; init; }

    internal int DecimalPlaces => Math.Clamp(Precision ?? 6, 0, 15);
    internal TimeSpan Budget => TimeBudget is { } t && t > TimeSpan.Zero ? t : TimeSpan.FromMilliseconds(100);
    internal int StepLimit => MaxSteps is > 0 and var n ? n : 200_000;
}
