namespace ReasonFlux.Templates.Indexing;

/// <summary>
/// The original navigator's search strategy: the chapter closest to the category, its two sections closest to the
/// direction, and in those the templates whose names are closest to the method.
/// </summary>
internal sealed class HierarchicalSearch
{
    private readonly ThoughtTemplate[] _templates;
    private readonly VectorMatrix _names;
    private readonly VectorMatrix _chapters;
    private readonly VectorMatrix _sections;
    private readonly int[][] _sectionsOfChapter;
    private readonly int[][] _templatesOfSection;

    public HierarchicalSearch(IndexLayout layout, IndexVectors vectors)
    {
        _templates = layout.Templates;
        // Names are only scored within two sections per query, so half precision costs nothing measurable and saves
        // 77 MB on a 100,000-template library.
        _names = vectors.Matrix([.. _templates.Select(t => t.Name)], compact: true);
        _chapters = vectors.Matrix(layout.Chapters);
        _sections = vectors.Matrix([.. layout.Sections.Select(s => s.Name)]);
        _sectionsOfChapter = layout.SectionsOfChapter;
        _templatesOfSection = layout.TemplatesOfSection;
    }

    /// <summary>Scores 0.9 · method similarity + 0.1 · section similarity; the vectors are the unit-length category, direction and method.</summary>
    public TemplateHit[] Top(float[] category, float[] direction, float[] method, int k)
    {
        var chapter = _chapters.TopK(category, 1)[0].Row;
        var hits = new List<TemplateHit>();
        foreach (var (section, sectionScore) in _sections.TopK(direction, 2, _sectionsOfChapter[chapter]))
        {
            foreach (var (row, methodScore) in _names.TopK(method, k, _templatesOfSection[section]))
            {
                hits.Add(new TemplateHit(_templates[row], (0.9f * methodScore) + (0.1f * sectionScore)));
            }
        }
        return [.. hits.OrderByDescending(h => h.Score).Take(k)];
    }
}
