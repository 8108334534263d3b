using System.Numerics.Tensors;

namespace ReasonFlux.Templates;

/// <summary>
/// Unit-length row vectors in one contiguous array; cosine top-k is a SIMD dot product per row. A compact matrix
/// stores half-precision rows (half the memory, about three significant digits), for vectors that are scored a few
/// rows at a time, such as template names in hierarchical search.
/// </summary>
internal sealed class VectorMatrix
{
    private readonly float[] _data;
    private readonly Half[] _half;

    public VectorMatrix(int rows, int dims, bool compact = false)
    {
        Rows = rows;
        Dims = dims;
        IsCompact = compact;
        _data = compact ? [] : new float[checked(rows * dims)];
        _half = compact ? new Half[checked(rows * dims)] : [];
    }

    public int Rows { get; }
    public int Dims { get; }

    public bool IsCompact { get; }

    public void Set(int i, ReadOnlySpan<float> vector)
    {
        Span<float> row = Dims <= 1024 ? stackalloc float[Dims] : new float[Dims];
        vector.CopyTo(row);
        Normalise(row);
        if (IsCompact) TensorPrimitives.ConvertToHalf(row, _half.AsSpan(i * Dims, Dims));
        else row.CopyTo(_data.AsSpan(i * Dims, Dims));
    }

    public static void Normalise(Span<float> v)
    {
        var norm = TensorPrimitives.Norm(v);
        if (norm > 0) TensorPrimitives.Divide(v, norm, v);
    }

    public float Score(int row, ReadOnlySpan<float> query)
    {
        if (!IsCompact) return TensorPrimitives.Dot(_data.AsSpan(row * Dims, Dims), query);
        Span<float> widened = Dims <= 1024 ? stackalloc float[Dims] : new float[Dims];
        TensorPrimitives.ConvertToSingle(_half.AsSpan(row * Dims, Dims), widened);
        return TensorPrimitives.Dot(widened, query);
    }

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
