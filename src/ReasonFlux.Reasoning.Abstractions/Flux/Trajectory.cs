namespace ReasonFlux.Reasoning.Flux;

/// <summary>The navigator's plan for a problem: where it belongs, which template applies, and the steps to take.</summary>
/// <param name="Category">General knowledge category (a chapter of the library), e.g. "Sequences and Series".</param>
/// <param name="Direction">Specific direction (a section), e.g. "Recurrence relations".</param>
/// <param name="Method">Applied method: the name of the template to use.</param>
/// <param name="Knowledge">Knowledge the solution examines.</param>
/// <param name="Steps">The reasoning flow: steps that guide without computing.</param>
public sealed record Trajectory(string Category, string Direction, string Method, IReadOnlyList<string> Knowledge, IReadOnlyList<string> Steps)
{
    /// <summary>A copy with other steps.</summary>
    public Trajectory WithSteps(IReadOnlyList<string> steps) => this with { Steps = steps };
}
