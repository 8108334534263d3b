using System.Text;
using ReasonFlux.Templates;

namespace ReasonFlux.Reasoning.Flux;

/// <summary>A template as the navigator reads it in prompts.</summary>
internal static class TemplateText
{
    public static string Render(ThoughtTemplate? template)
    {
        if (template is null) return "(no template found; rely on the plan)";
        var sb = new StringBuilder();
        sb.Append("Name: ").AppendLine(template.Name);
        if (template.Description.Length > 0) sb.Append("Description: ").AppendLine(template.Description);
        if (template.Scenarios.Count > 0) sb.Append("When to use: ").AppendLine(string.Join("; ", template.Scenarios));
        if (template.Steps.Count > 0)
        {
            sb.AppendLine("Method steps:");
            for (var i = 0; i < template.Steps.Count; i++) sb.Append(i + 1).Append(". ").AppendLine(template.Steps[i]);
        }
        if (template.ExampleProblem is { Length: > 0 } problem)
        {
            sb.Append("Example problem: ").AppendLine(problem);
            if (template.ExampleSolution is { Length: > 0 } solution) sb.Append("Example solution: ").AppendLine(solution);
            if (template.ExampleAnswer is { Length: > 0 } answer) sb.Append("Example answer: ").AppendLine(answer);
        }
        return sb.ToString().TrimEnd();
    }

    public static string Numbered(IReadOnlyList<string> steps) =>
        steps.Count == 0 ? "(none)" : string.Join('\n', steps.Select((s, i) => $"{i + 1}. {s}"));
}
