namespace ReasonFlux.Templates;

/// <summary>Retrieval quality for one choice of embedded text: each template's example problem must find the template.</summary>
/// <param name="Fields">The text that was embedded per template.</param>
/// <param name="Scoring">How templates were scored.</param>
/// <param name="Queries">Templates that have an example problem (one query each).</param>
/// <param name="RecallAt1">Share of queries whose template ranks first.</param>
/// <param name="RecallAt5">Share of queries whose template is in the top 5.</param>
/// <param name="Mrr">Mean reciprocal rank.</param>
public sealed record RetrievalReport(TemplateTextFields Fields, TemplateScoring Scoring, int Queries, double RecallAt1, double RecallAt5, double Mrr)
{
    /// <summary>Every index option the row was measured with (fusion and BM25 parameters included).</summary>
    public TemplateIndexOptions Options { get; init; } = new();

    /// <summary>True when the row used the index defaults, i.e. it measures what search does out of the box.</summary>
    public bool IsDefault => Options == new TemplateIndexOptions() with { CacheDirectory = Options.CacheDirectory, UseCache = Options.UseCache, ModelId = Options.ModelId, BatchSize = Options.BatchSize, Progress = Options.Progress };

    /// <summary>How long building (or loading from the cache) this row's index took.</summary>
    public TimeSpan IndexTime { get; init; }

    /// <summary>Whether this row's index was loaded from the embedding cache rather than embedded.</summary>
    public bool IndexFromCache { get; init; }

    /// <summary>A short description of the choice, e.g. <c>hybrid (embedding + bm25, rrf): Name, Tags, Description, Scenarios, Steps</c>.</summary>
    public string Label => $"{ScoringName(Scoring)}: {string.Join(", ", Enum.GetValues<TemplateTextFields>().Where(f => f is not (TemplateTextFields.None or TemplateTextFields.Default) && Fields.HasFlag(f)))}";

    private static string ScoringName(TemplateScoring scoring) => scoring switch
    {
        TemplateScoring.Joint => "embedding",
        TemplateScoring.FieldMax => "embedding field-max",
        TemplateScoring.JointAndFieldMax => "embedding joint+field-max",
        TemplateScoring.Lexical => "bm25",
        TemplateScoring.Hybrid => "hybrid (field-max + bm25, rrf)",
        TemplateScoring.JointHybrid => "hybrid (embedding + bm25, rrf)",
        _ => scoring.ToString(),
    };
}
