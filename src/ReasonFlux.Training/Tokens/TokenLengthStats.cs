namespace ReasonFlux.Training.Tokens;

/// <summary>Token lengths of a dataset's examples.</summary>
/// <param name="Count">Examples counted.</param>
/// <param name="Min">Shortest example.</param>
/// <param name="Max">Longest example.</param>
/// <param name="Mean">Mean length.</param>
/// <param name="P50">Median length.</param>
/// <param name="P95">95th percentile (nearest rank).</param>
/// <param name="CutoffLen">The <c>cutoff_len</c> checked against, or null.</param>
/// <param name="OverCutoff">The examples longer than <paramref name="CutoffLen"/> (LLaMA-Factory truncates them): index and length, longest first.</param>
public sealed record TokenLengthStats(int Count, int Min, int Max, double Mean, int P50, int P95, int? CutoffLen, IReadOnlyList<(int Index, int Tokens)> OverCutoff)
{
    /// <summary>Statistics of <paramref name="lengths"/> (in example order) against an optional cutoff.</summary>
    public static TokenLengthStats From(IReadOnlyList<int> lengths, int? cutoffLen)
    {
        ArgumentNullException.ThrowIfNull(lengths);
        if (lengths.Count == 0) return new TokenLengthStats(0, 0, 0, 0, 0, 0, cutoffLen, []);
        var sorted = lengths.Order().ToArray();
        int Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        var over = cutoffLen is { } c
            ? lengths.Select((t, i) => (Index: i, Tokens: t)).Where(x => x.Tokens > c).OrderByDescending(x => x.Tokens).ToList()
            : [];
        return new TokenLengthStats(sorted.Length, sorted[0], sorted[^1], lengths.Average(), Rank(0.5), Rank(0.95), cutoffLen, over);
    }
}
