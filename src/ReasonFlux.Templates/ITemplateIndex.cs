namespace ReasonFlux.Templates;

/// <summary>Finds thought templates for a query: free text (flat) or the navigator's structured fields (hierarchical).</summary>
public interface ITemplateIndex
{
    /// <summary>Flat search: the <paramref name="k"/> templates whose text is closest to <paramref name="query"/> (a problem, a step…).</summary>
    Task<IReadOnlyList<TemplateHit>> SearchAsync(string query, int k, CancellationToken ct = default);

    /// <summary>
    /// Hierarchical search as the original navigator does it: the chapter closest to <paramref name="category"/>, its two
    /// sections closest to <paramref name="direction"/>, and in those the templates whose names are closest to
    /// <paramref name="method"/>, scored 0.9 · method similarity + 0.1 · section similarity.
    /// </summary>
    Task<IReadOnlyList<TemplateHit>> SearchHierarchicalAsync(string category, string direction, string method, int k, CancellationToken ct = default);
}
