namespace ReasonFlux.Templates.Indexing;

/// <summary>Scores every template of an index against one query (one <see cref="TemplateScoring"/> mode).</summary>
internal interface ITemplateScorer
{
    /// <summary>False for a scorer that reads only the query text (no query embedding needed).</summary>
    bool NeedsVector { get; }

    /// <summary>
    /// Score of every template row for a unit-length query vector and the query text. <paramref name="text"/> null (a
    /// query given as a vector only) leaves out any lexical part.
    /// </summary>
    double[] Score(float[]? vector, string? text);
}
