using System.Text.Json.Nodes;

namespace ReasonFlux.Distillation;

/// <summary>A kept template, as the summary lists it.</summary>
/// <param name="Name">The template's name.</param>
/// <param name="Chapter">The chapter it was placed in.</param>
/// <param name="Section">The section it was placed in.</param>
/// <param name="NewSection">True when it opened a new section (no existing one fitted): worth a curator's look.</param>
/// <param name="Problem">The key of the problem it was distilled from.</param>
public sealed record DistilledTemplateInfo(string Name, string Chapter, string Section, bool NewSection, string Problem)
{
    internal static DistilledTemplateInfo From(DistillRecord r)
    {
        var name = JsonNode.Parse(r.Template!)?["template_name"]?.GetValue<string>() ?? "";
        return new DistilledTemplateInfo(name, r.Chapter ?? "", r.Section ?? "", r.NewSection, r.Key);
    }
}
