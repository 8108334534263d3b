using ReasonFlux.Evaluation.Benchmarks;

namespace ReasonFlux.Training.Datasets;

/// <summary>Which trajectory samples of flux traces become navigator examples.</summary>
public sealed record NavigatorOptions
{
    /// <summary>Leave out samples that produced no answer. Default true.</summary>
    public bool RequireAnswer { get; init; } = true;

    /// <summary>
    /// Gold answers by problem text (e.g. from the benchmark the traces were made on): when set, only samples whose answer
    /// the grader finds equivalent to the gold are kept. Null: no grading.
    /// </summary>
    public IReadOnlyDictionary<string, BenchmarkProblem>? Gold { get; init; }
}
