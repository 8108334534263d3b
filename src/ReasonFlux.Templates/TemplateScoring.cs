namespace ReasonFlux.Templates;

/// <summary>How flat search scores a template against a free-text query.</summary>
public enum TemplateScoring
{
    /// <summary>Cosine similarity with one vector of the template's joined text.</summary>
    Joint,
    /// <summary>The best cosine similarity over the template's fields embedded one by one (name, description, each scenario…).</summary>
    FieldMax,
    /// <summary>The mean of <see cref="Joint"/> and <see cref="FieldMax"/>.</summary>
    JointAndFieldMax,
    /// <summary>BM25 over the template's joined text only (no embeddings in the score).</summary>
    Lexical,
    /// <summary>Reciprocal rank fusion of <see cref="JointAndFieldMax"/> and <see cref="Lexical"/>.</summary>
    Hybrid,
    /// <summary>Reciprocal rank fusion of <see cref="Joint"/> and <see cref="Lexical"/>: one vector per template, for very large libraries.</summary>
    JointHybrid,
}
