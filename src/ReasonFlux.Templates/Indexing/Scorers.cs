namespace ReasonFlux.Templates.Indexing;

/// <summary>Builds the scorer of a <see cref="TemplateScoring"/> mode.</summary>
internal static class Scorers
{
    /// <summary>True for the modes that embed each template's fields one by one.</summary>
    public static bool UsesFieldVectors(TemplateScoring scoring) => scoring is not (TemplateScoring.Joint or TemplateScoring.Lexical or TemplateScoring.JointHybrid);

    public static ITemplateScorer For(TemplateScoring scoring, TemplateIndexOptions options, IndexLayout layout, IndexVectors vectors)
    {
        var joint = new JointScorer(vectors.Matrix(layout.FlatTexts));
        var blended = new Lazy<FieldMaxScorer>(() => new FieldMaxScorer(joint, vectors.Matrix(layout.FieldTexts), layout.FieldOwner, blend: true));
        return scoring switch
        {
            TemplateScoring.Joint => joint,
            TemplateScoring.FieldMax => new FieldMaxScorer(joint, vectors.Matrix(layout.FieldTexts), layout.FieldOwner, blend: false),
            TemplateScoring.JointAndFieldMax => blended.Value,
            TemplateScoring.Lexical => new LexicalScorer(Lexical(options, layout), blended.Value),
            TemplateScoring.Hybrid => new RankFusionScorer(blended.Value, Lexical(options, layout), options.FusionSmoothing, options.LexicalWeight),
            TemplateScoring.JointHybrid => new RankFusionScorer(joint, Lexical(options, layout), options.FusionSmoothing, options.LexicalWeight),
            _ => throw new ArgumentOutOfRangeException(nameof(scoring), scoring, "unknown scoring"),
        };
    }

    /// <summary>BM25 over each template's flat text, with name and tags repeated for field weighting.</summary>
    private static LexicalIndex Lexical(TemplateIndexOptions options, IndexLayout layout)
    {
        var texts = options.LexicalNameWeight <= 1 ? layout.FlatTexts
            : [.. layout.Templates.Select((t, i) => string.Join('\n', Enumerable.Repeat($"{t.Name}\n{string.Join(", ", t.Tags)}", options.LexicalNameWeight - 1).Append(layout.FlatTexts[i])))];
        return new LexicalIndex(texts, options.LexicalK1, options.LexicalB);
    }
}
