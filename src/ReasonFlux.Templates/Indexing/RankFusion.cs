namespace ReasonFlux.Templates.Indexing;

/// <summary>Reciprocal rank fusion: robust to the different scales of the rankings it combines.</summary>
internal static class RankFusion
{
    /// <summary>Exact fusion with equal weights and the default smoothing.</summary>
    public static double[] Reciprocal(params double[][] rankings) => Reciprocal(TemplateIndexOptions.DefaultFusionSmoothing, [.. rankings.Select(_ => 1.0)], rankings);

    /// <summary>Exact reciprocal rank fusion: every row of every ranking is ranked.</summary>
    public static double[] Reciprocal(double smoothing, double[] weights, params double[][] rankings) =>
        Reciprocal(smoothing, weights, int.MaxValue, rankings);

    /// <summary>
    /// Sum of weight/(smoothing + rank) over the rankings: robust to the two scores' different scales. Equal scores share
    /// the best rank, so a ranking that cannot tell rows apart (a query with no word in common with any template) adds
    /// nothing. Only each ranking's best <paramref name="window"/> rows are ranked; rows past it add nothing.
    /// </summary>
    public static double[] Reciprocal(double smoothing, double[] weights, int window, params double[][] rankings)
    {
        var n = rankings[0].Length;
        var fused = new double[n];
        var keys = new double[n];
        var order = new int[n];
        for (var which = 0; which < rankings.Length; which++)
        {
            var scores = rankings[which];
            var weight = weights[which];
            // Rows at the lowest score share the last rank, so only the others are ranked: for BM25 that leaves out
            // every template without a query word, most of a large library.
            var lowest = n == 0 ? 0 : scores.Min();
            var ranked = 0;
            for (var i = 0; i < n; i++)
            {
                if (scores[i] == lowest) continue;
                keys[ranked] = -scores[i];
                order[ranked++] = i;
            }
            var m = ranked > window ? KeepBest(keys, order, ranked, window) : ranked;
            // Sorting primitive keys in place is several times faster than a LINQ ordering at 100,000 rows.
            Array.Sort(keys, order, 0, m);
            var rank = 1;
            for (var r = 0; r < m; r++)
            {
                if (r > 0 && keys[r] != keys[r - 1]) rank = r + 1;
                fused[order[r]] += weight / (smoothing + rank);
            }
            if (ranked > window) continue;
            // Every row above the lowest score was ranked, so the lowest rows' shared rank is known exactly.
            var last = weight / (smoothing + ranked + 1);
            for (var i = 0; i < n; i++)
            {
                if (scores[i] == lowest) fused[i] += last;
            }
        }
        return fused;
    }

    /// <summary>Moves the <paramref name="window"/> smallest of the first <paramref name="count"/> keys, with their rows, to the front.</summary>
    private static int KeepBest(double[] keys, int[] order, int count, int window)
    {
        // A min-heap on the score (the negated key): its top is the worst row kept so far.
        var heap = new PriorityQueue<int, double>(window + 1);
        for (var j = 0; j < count; j++)
        {
            if (heap.Count < window) heap.Enqueue(j, -keys[j]);
            else if (heap.TryPeek(out _, out var worst) && -keys[j] > worst) heap.EnqueueDequeue(j, -keys[j]);
        }
        var kept = heap.UnorderedItems.Select(item => item.Element).Order().ToArray();
        for (var r = 0; r < kept.Length; r++)
        {
            // kept is ascending and kept[r] >= r, so each source is read before anything is written over it.
            keys[r] = keys[kept[r]];
            order[r] = order[kept[r]];
        }
        return kept.Length;
    }
}
