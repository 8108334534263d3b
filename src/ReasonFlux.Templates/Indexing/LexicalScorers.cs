namespace ReasonFlux.Templates.Indexing;

/// <summary>
/// <see cref="TemplateScoring.Lexical"/>: BM25 over each template's text. A query without text (a vector only) is
/// scored by <paramref name="withoutText"/>.
/// </summary>
internal sealed class LexicalScorer(LexicalIndex lexical, ITemplateScorer withoutText) : ITemplateScorer
{
    public bool NeedsVector => false;

    public double[] Score(float[]? vector, string? text) => text is null ? withoutText.Score(vector, null) : lexical.Scores(text);
}

/// <summary>
/// <see cref="TemplateScoring.Hybrid"/> and <see cref="TemplateScoring.JointHybrid"/>: a dense scorer and BM25 fused by
/// reciprocal rank (<see cref="RankFusion"/>). A query without text is scored by the dense part alone.
/// </summary>
internal sealed class RankFusionScorer(ITemplateScorer dense, LexicalIndex lexical, double smoothing, double lexicalWeight) : ITemplateScorer
{
    /// <summary>
    /// Above ten times this many templates, fusion ranks only each ranking's first rows, as search engines' rank windows
    /// do: a row past the window would add less than 1/(k + 1000) to its fused score, far below any top-k score, while
    /// sorting 100,000 rows twice per query would cost more than the rest of the search. Smaller libraries (and every
    /// retrieval evaluation here) fuse exactly.
    /// </summary>
    private const int FusionWindow = 1000;

    public bool NeedsVector => true;

    public double[] Score(float[]? vector, string? text)
    {
        var denseScores = dense.Score(vector, text);
        if (text is null) return denseScores;
        return RankFusion.Reciprocal(smoothing, [1, lexicalWeight], denseScores.Length > 10 * FusionWindow ? FusionWindow : denseScores.Length, denseScores, lexical.Scores(text));
    }
}
