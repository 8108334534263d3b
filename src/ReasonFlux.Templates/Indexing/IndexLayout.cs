namespace ReasonFlux.Templates.Indexing;

/// <summary>The texts an index embeds, and how chapters, sections and templates nest.</summary>
internal sealed record IndexLayout(ThoughtTemplate[] Templates, string[] FlatTexts, string[] FieldTexts, int[] FieldOwner, string[] Chapters, (int Chapter, string Name)[] Sections, int[][] SectionsOfChapter, int[][] TemplatesOfSection)
{
    public static IndexLayout Of(TemplateLibrary library, TemplateTextFields fields, TemplateScoring scoring)
    {
        var templates = library.Templates.ToArray();
        var chapters = templates.Select(t => t.Chapter).Distinct(StringComparer.Ordinal).ToArray();
        var chapterIndex = chapters.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
        var sections = templates.Select(t => (Chapter: chapterIndex[t.Chapter], Name: t.Section)).Distinct().ToArray();
        var sectionIndex = sections.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
        var templatesOfSection = new List<int>[sections.Length];
        for (var s = 0; s < sections.Length; s++) templatesOfSection[s] = [];
        for (var i = 0; i < templates.Length; i++) templatesOfSection[sectionIndex[(chapterIndex[templates[i].Chapter], templates[i].Section)]].Add(i);
        var sectionsOfChapter = chapters.Select((_, c) => Enumerable.Range(0, sections.Length).Where(s => sections[s].Chapter == c).ToArray()).ToArray();
        var fieldTexts = new List<string>();
        var fieldOwner = new List<int>();
        if (Scorers.UsesFieldVectors(scoring))
        {
            for (var i = 0; i < templates.Length; i++)
            {
                foreach (var text in FieldPieces(templates[i], fields))
                {
                    fieldTexts.Add(text);
                    fieldOwner.Add(i);
                }
            }
        }
        return new IndexLayout(templates, [.. templates.Select(t => FlatText(t, fields))], [.. fieldTexts], [.. fieldOwner], chapters, sections, sectionsOfChapter, [.. templatesOfSection.Select(l => l.ToArray())]);
    }

    public IEnumerable<string> AllTexts() => FlatTexts.Concat(FieldTexts).Concat(Templates.Select(t => t.Name)).Concat(Chapters).Concat(Sections.Select(s => s.Name));

    /// <summary>The flat text of a template for a choice of fields.</summary>
    public static string FlatText(ThoughtTemplate template, TemplateTextFields fields) => string.Join("\n", Pieces(template, fields, withExample: true));

    /// <summary>The separately embedded pieces of a template for multi-vector scoring: one per field, one per scenario and step.</summary>
    public static IEnumerable<string> FieldPieces(ThoughtTemplate template, TemplateTextFields fields) =>
        Pieces(template, fields, withExample: false).Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> Pieces(ThoughtTemplate template, TemplateTextFields fields, bool withExample)
    {
        var parts = new List<string>();
        if (fields.HasFlag(TemplateTextFields.Name)) parts.Add(template.Name);
        if (fields.HasFlag(TemplateTextFields.Type)) parts.Add(template.Type);
        if (fields.HasFlag(TemplateTextFields.Tags)) parts.Add(string.Join(", ", template.Tags));
        if (fields.HasFlag(TemplateTextFields.Description)) parts.Add(template.Description);
        if (fields.HasFlag(TemplateTextFields.Scenarios)) parts.AddRange(template.Scenarios);
        if (fields.HasFlag(TemplateTextFields.Steps)) parts.AddRange(template.Steps);
        if (withExample && fields.HasFlag(TemplateTextFields.Example))
            parts.AddRange(new[] { template.ExampleProblem, template.ExampleSolution, template.ExampleAnswer }.OfType<string>());
        return parts.Where(p => !string.IsNullOrWhiteSpace(p));
    }
}
