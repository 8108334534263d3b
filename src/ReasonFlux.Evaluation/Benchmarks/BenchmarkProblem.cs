using ReasonFlux.Grading;

namespace ReasonFlux.Evaluation.Benchmarks;

/// <summary>One problem of a benchmark, with its gold answer.</summary>
/// <param name="Id">Stable id within the benchmark (the file's own id, or the line number).</param>
/// <param name="Problem">The text given to the solver.</param>
/// <param name="Answer">The gold answer, bare ("\frac{1}{2}", "033", "B").</param>
/// <param name="Kind">How answers are read and compared.</param>
public sealed record BenchmarkProblem(string Id, string Problem, string Answer, AnswerKind Kind)
{
    /// <summary>The benchmark's own worked solution, when it has one; the <c>reference</c> solver answers with it.</summary>
    public string? ReferenceSolution { get; init; }

    /// <summary>Subject (MATH500) or domain (GPQA), when the benchmark has one.</summary>
    public string? Subject { get; init; }

    /// <summary>Difficulty level 1–5 (MATH500), when the benchmark has one.</summary>
    public int? Level { get; init; }
}
