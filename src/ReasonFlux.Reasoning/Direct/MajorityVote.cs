namespace ReasonFlux.Reasoning.Direct;

/// <summary>Picks the most frequent answer over samples; ties go to the answer seen first.</summary>
public static class MajorityVote
{
    /// <summary>Index of the winning sample (the first sample carrying the winning answer), or 0 when no sample has an answer.</summary>
    public static int Winner(IReadOnlyList<SampleResult> samples, Func<string, string, bool> same)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(same);
        var groups = new List<(int First, string Answer, int Votes)>();
        for (var i = 0; i < samples.Count; i++)
        {
            if (samples[i].Answer is not { } answer) continue;
            var g = groups.FindIndex(x => same(x.Answer, answer));
            if (g < 0) groups.Add((i, answer, 1));
            else groups[g] = groups[g] with { Votes = groups[g].Votes + 1 };
        }
        return groups.Count == 0 ? 0 : groups.OrderByDescending(g => g.Votes).ThenBy(g => g.First).First().First;
    }
}
