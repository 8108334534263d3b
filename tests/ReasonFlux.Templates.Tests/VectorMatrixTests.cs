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
}
