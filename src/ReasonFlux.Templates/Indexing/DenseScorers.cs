namespace ReasonFlux.Templates.Indexing;

/// <summary><see cref="TemplateScoring.Joint"/>: cosine similarity with one vector of each template's joined text.</summary>
internal sealed class JointScorer(VectorMatrix flat) : ITemplateScorer
{
    public bool NeedsVector => true;

    public double[] Score(float[]? vector, string? text)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var joint = new double[flat.Rows];
        for (var i = 0; i < joint.Length; i++) joint[i] = flat.Score(i, vector);
        return joint;
    }
}

/// <summary>
/// <see cref="TemplateScoring.FieldMax"/> (the best similarity over a template's separately embedded fields) or, with
/// <paramref name="blend"/>, <see cref="TemplateScoring.JointAndFieldMax"/> (its mean with the joint score). An index
/// without field vectors scores as <see cref="JointScorer"/>.
/// </summary>
internal sealed class FieldMaxScorer(JointScorer joint, VectorMatrix fields, int[] fieldOwner, bool blend) : ITemplateScorer
{
    public bool NeedsVector => true;

    public double[] Score(float[]? vector, string? text)
    {
        var jointScores = joint.Score(vector, text);
        if (fields.Rows == 0) return jointScores;
        var best = new double[jointScores.Length];
        Array.Fill(best, double.NegativeInfinity);
        for (var s = 0; s < fields.Rows; s++) best[fieldOwner[s]] = Math.Max(best[fieldOwner[s]], fields.Score(s, vector));
        if (!blend) return best;
        var dense = new double[jointScores.Length];
        for (var i = 0; i < dense.Length; i++) dense[i] = 0.5 * (jointScores[i] + best[i]);
        return dense;
    }
}
