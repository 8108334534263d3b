using System.Numerics.Tensors;

namespace ReasonFlux.Templates;

/// <summary>Unit-length row vectors in one contiguous array; cosine top-k is a SIMD dot product per row.</summary>
internal sealed class VectorMatrix
{
    private readonly float[] _data;

    public VectorMatrix(int rows, int dims)
    {
        Rows = rows;
        Dims = dims;
        _data = new float[checked(rows * dims)];
    }

    public int Rows { get; }
    public int Dims { get; }

    public Span<float> Row(int i) => _data.AsSpan(i * Dims, Dims);

    public void Set(int i, ReadOnlySpan<float> vector)
    {
        var row = Row(i);
        vector.CopyTo(row);
        Normalise(row);
    }

    public static void Normalise(Span<float> v)
    {
        var norm = TensorPrimitives.Norm(v);
        if (norm > 0) TensorPrimitives.Divide(v, norm, v);
    }

    public float Score(int row, ReadOnlySpan<float> query) => TensorPrimitives.Dot(Row(row), query);

    /// <summary>The <paramref name="k"/> best rows among <paramref name="candidates"/> (all rows when null), best first.</summary>
    public (int Row, float Score)[] TopK(ReadOnlySpan<float> query, int k, IReadOnlyList<int>? candidates = null)
    {
        var n = candidates?.Count ?? Rows;
        k = Math.Min(k, n);
        if (k <= 0) return [];
        var best = new (int Row, float Score)[k];
        var filled = 0;
        for (var c = 0; c < n; c++)
        {
            var row = candidates?[c] ?? c;
            var score = Score(row, query);
            if (filled == k && score <= best[k - 1].Score) continue;
            // Insertion into a short sorted array beats a heap for the k (≤ 100) we use.
            var at = filled < k ? filled++ : k - 1;
            while (at > 0 && best[at - 1].Score < score)
            {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = (row, score);
        }
        return best;
    }
}
