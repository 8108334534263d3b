using System.Text.Json.Nodes;
using ReasonFlux.Templates;

namespace ReasonFlux.Distillation;

/// <summary>
/// Where a distilled template came from, kept in the template object under <see cref="Field"/>. The library loader
/// ignores fields it does not know and saves templates exactly as read, so the record survives validation, loading and
/// saving, and the official schema's readers are not disturbed by it.
/// </summary>
/// <param name="Source">The eval run folder or trace file the solved problem came from.</param>
/// <param name="ProblemId">The problem's id in that source.</param>
/// <param name="Model">The distiller model that wrote the template.</param>
/// <param name="SolverModel">The model that solved the problem, or "" when the source does not say.</param>
/// <param name="NewSection">True when the template opened a section of its own because no existing one fitted.</param>
public sealed record TemplateProvenance(string Source, string ProblemId, string Model, string SolverModel, bool NewSection)
{
    /// <summary>The template field that holds the record.</summary>
    public const string Field = "distilled_from";

    /// <summary>The record as a JSON object.</summary>
    public JsonObject ToJson() => new()
    {
        ["source"] = Source,
        ["problem_id"] = ProblemId,
        ["model"] = Model,
        ["solver_model"] = SolverModel,
        ["placement"] = NewSection ? "new section" : "existing section",
    };

    /// <summary>The provenance of a template, or null when it was not distilled.</summary>
    public static TemplateProvenance? Of(ThoughtTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Original[Field] is not JsonObject o) return null;
        string Str(string key) => o[key] is JsonValue v && v.TryGetValue(out string? s) ? s : "";
        return new TemplateProvenance(Str("source"), Str("problem_id"), Str("model"), Str("solver_model"), Str("placement") == "new section");
    }
}
