namespace ReasonFlux.Distillation;

/// <summary>One problem solved correctly, as the distiller reads it from an eval run or a flux trace.</summary>
/// <param name="Source">The run folder or trace file it came from (full path).</param>
/// <param name="ProblemId">The problem's id in its source (a trace's file name without extension).</param>
/// <param name="Problem">The problem text.</param>
/// <param name="Gold">The answer the distilled template's example must reach: the run's gold answer, or a trace's final answer.</param>
/// <param name="Solution">The solution that reached it (the graded reply, or the trace's steps and final text).</param>
/// <param name="SolverModel">The model that solved it, or empty when the source does not say.</param>
public sealed record SolvedProblem(string Source, string ProblemId, string Problem, string Gold, string Solution, string SolverModel)
{
    /// <summary>The key a distillation store records the problem under: source and id together.</summary>
    public string Key => $"{Source}#{ProblemId}";
}
