namespace ReasonFlux.Reasoning.Flux;

/// <summary>How the main template of a trajectory is found.</summary>
public enum RetrievalMode
{
    /// <summary>As the original: chapter by category, sections by direction, template by method name (0.9 · method + 0.1 · section).</summary>
    Hierarchical,

    /// <summary>Flat search over whole templates with the method, direction and category as the query.</summary>
    Flat,
}
