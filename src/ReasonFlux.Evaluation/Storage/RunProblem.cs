using ReasonFlux.Grading;

namespace ReasonFlux.Evaluation.Storage;

/// <summary>A problem of a run, stored with the run so reports need no benchmark file.</summary>
/// <param name="Ordinal">Position in the benchmark.</param>
/// <param name="Id">Problem id.</param>
/// <param name="Problem">Problem text.</param>
/// <param name="Gold">Gold answer.</param>
/// <param name="Subject">Subject, when known.</param>
/// <param name="Level">Level, when known.</param>
/// <param name="Kind">How answers are read and compared, stored so the run can be re-graded from its own file.</param>
public sealed record RunProblem(int Ordinal, string Id, string Problem, string Gold, string? Subject, int? Level, AnswerKind Kind = AnswerKind.Auto);
