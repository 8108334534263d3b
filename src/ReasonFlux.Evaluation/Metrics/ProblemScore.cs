using ReasonFlux.Evaluation.Storage;

namespace ReasonFlux.Evaluation.Metrics;

/// <summary>One problem's outcome over its samples.</summary>
/// <param name="Problem">The problem.</param>
/// <param name="Samples">Its stored samples, by index.</param>
/// <param name="Correct">How many are correct.</param>
/// <param name="MajorityAnswer">The most frequent extracted answer, or null when no sample had one.</param>
/// <param name="MajorityCorrect">Whether that answer is correct.</param>
public sealed record ProblemScore(RunProblem Problem, IReadOnlyList<SampleRecord> Samples, int Correct, string? MajorityAnswer, bool MajorityCorrect)
{
    /// <summary>Fraction of correct samples (0 when there are none).</summary>
    public double Pass1 => Samples.Count == 0 ? 0 : (double)Correct / Samples.Count;
}
