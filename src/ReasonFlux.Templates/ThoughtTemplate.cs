using System.Text.Json.Nodes;

namespace ReasonFlux.Templates;

/// <summary>
/// One thought template: a normalised view of the fields the official schema spells in several ways,
/// plus the original JSON object, kept untouched so a library saves back exactly as it was read.
/// </summary>
/// <param name="Id">Stable identifier: a slug of the name, with <c>-2</c>, <c>-3</c>… for later templates of the same name.</param>
/// <param name="Chapter">The enclosing chapter key (the top level of the library file).</param>
/// <param name="Section">The enclosing section key (the second level).</param>
/// <param name="Name"><c>template_name</c>.</param>
/// <param name="Type"><c>template_type</c>, e.g. "Problem Solving Method".</param>
/// <param name="Tags"><c>knowledge_tag</c>.</param>
/// <param name="Description"><c>description</c>.</param>
/// <param name="Scenarios"><c>application_scenario</c>, always as a list.</param>
/// <param name="Steps"><c>reason_flow</c>: the method's steps.</param>
/// <param name="ExampleProblem">The worked example's problem, when one can be found.</param>
/// <param name="ExampleSolution">The worked example's solution text.</param>
/// <param name="ExampleAnswer">The worked example's final answer, when the example states one.</param>
/// <param name="Original">The template object exactly as read; treat it as read-only.</param>
public sealed record ThoughtTemplate(
    string Id,
    string Chapter,
    string Section,
    string Name,
    string Type,
    IReadOnlyList<string> Tags,
    string Description,
    IReadOnlyList<string> Scenarios,
    IReadOnlyList<string> Steps,
    string? ExampleProblem,
    string? ExampleSolution,
    string? ExampleAnswer,
    JsonObject Original)
{
    /// <summary><c>file_path</c> of the first release (absent in later versions).</summary>
    public string? FilePath => Original["file_path"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
