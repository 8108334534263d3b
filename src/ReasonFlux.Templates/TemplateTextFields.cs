namespace ReasonFlux.Templates;

/// <summary>Which parts of a template make up the text that flat search embeds.</summary>
[Flags]
public enum TemplateTextFields
{
    /// <summary>Nothing; not valid on its own.</summary>
    None = 0,
    /// <summary><c>template_name</c>.</summary>
    Name = 1,
    /// <summary><c>template_type</c>.</summary>
    Type = 2,
    /// <summary><c>knowledge_tag</c>.</summary>
    Tags = 4,
    /// <summary><c>description</c>.</summary>
    Description = 8,
    /// <summary><c>application_scenario</c>.</summary>
    Scenarios = 16,
    /// <summary><c>reason_flow</c>.</summary>
    Steps = 32,
    /// <summary>The worked example (problem, solution, answer).</summary>
    Example = 64,
    /// <summary>Name, tags, description and scenarios (the index default adds <see cref="Steps"/>).</summary>
    Default = Name | Tags | Description | Scenarios,
}
