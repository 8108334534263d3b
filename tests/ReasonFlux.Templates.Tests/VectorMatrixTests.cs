namespace ReasonFlux.Templates.Tests;

public sealed class VectorMatrixTests
{
    [Fact]
    public void Top_k_returns_the_best_rows_in_order()
    {
        var m = new VectorMatrix(4, 2);
        m.Set(0, [1, 0]);
        m.Set(1, [0, 1]);
        m.Set(2, [1, 1]);
        m.Set(3, [-1, 0]);
        var top = m.TopK([1f, 0.1f], 2);
        Assert.Equal([0, 2], top.Select(t => t.Row));
    }

    [Fact]
    public void Rows_are_normalised_to_unit_length()
    {
        var m = new VectorMatrix(1, 2);
        m.Set(0, [3, 4]);
        Assert.Equal(1f, m.Score(0, [0.6f, 0.8f]), 5);
    }

    [Fact]
    public void Top_k_larger_than_the_candidates_returns_all_candidates()
    {
        var m = new VectorMatrix(3, 1);
        for (var i = 0; i < 3; i++) m.Set(i, [i + 1]);
        Assert.Equal(2, m.TopK([1f], 10, [0, 2]).Length);
    }

    [Fact]
    public void Compact_rows_score_within_half_precision_of_full_rows()
    {
        var random = new Random(7);
        var full = new VectorMatrix(20, 384);
        var compact = new VectorMatrix(20, 384, compact: true);
        for (var i = 0; i < 20; i++)
        {
            var v = Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
            full.Set(i, v);
            compact.Set(i, v);
        }
        var query = Enumerable.Range(0, 384).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        VectorMatrix.Normalise(query);
        for (var i = 0; i < 20; i++) Assert.Equal(full.Score(i, query), compact.Score(i, query), 0.002f);
    }
}
