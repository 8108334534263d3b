namespace ReasonFlux.Templates.Indexing;

/// <summary>Flat search strategy: every template scored by one <see cref="ITemplateScorer"/>, the best k kept.</summary>
internal sealed class FlatSearch(ThoughtTemplate[] templates, ITemplateScorer scorer)
{
    public bool NeedsVector => scorer.NeedsVector;

    public TemplateHit[] Top(float[]? vector, string? text, int k)
    {
        var scores = scorer.Score(vector, text);
        // A bounded min-heap keeps this O(n log k) for the 100,000-template libraries the benchmark builds.
        var heap = new PriorityQueue<int, (double Score, int Row)>(Comparer<(double Score, int Row)>.Create((a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Row.CompareTo(a.Row)));
        for (var i = 0; i < scores.Length && k > 0; i++)
        {
            if (heap.Count < k) heap.Enqueue(i, (scores[i], i));
            else if (heap.TryPeek(out _, out var worst) && scores[i] >= worst.Score) heap.EnqueueDequeue(i, (scores[i], i));
        }
        var rows = new int[heap.Count];
        for (var j = rows.Length - 1; j >= 0; j--) rows[j] = heap.Dequeue();
        return [.. rows.Select(i => new TemplateHit(templates[i], (float)scores[i]))];
    }

    /// <summary>1-based rank of template row <paramref name="row"/> (ties count in its favour).</summary>
    public int RankOf(float[] vector, string text, int row)
    {
        var scores = scorer.Score(vector, text);
        var rank = 1;
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] > scores[row]) rank++;
        }
        return rank;
    }
}
