using ReasonFlux.Grading;

namespace ReasonFlux.Reasoning;

/// <summary>
/// The one majority vote: picks the most frequent answer over samples, where answers the grader finds equivalent
/// (<c>1/2</c> and <c>0.5</c>) count as one; ties go to the answer seen first. Solvers choose their answer with it and
/// an eval run's maj@k uses it, so the two never disagree.
/// </summary>
public static class MajorityVote
{
    /// <summary>Whether two bare answers are one vote: the grader's equivalence.</summary>
    public static bool SameAnswer(string a, string b) => Grader.Equivalent(a, b).Equivalent;

    /// <summary>Index of the winning sample (the first sample carrying the winning answer), or 0 when no sample has an answer.</summary>
    /// <param name="samples">The samples, in order.</param>
    /// <param name="same">When two answers are one vote. Null: <see cref="SameAnswer"/>.</param>
    public static int Winner(IReadOnlyList<SampleResult> samples, Func<string, string, bool>? same = null) =>
        Winner(samples, s => s.Answer, same) ?? 0;

    /// <summary>Index of the first item carrying the winning answer, or null when no item has an answer.</summary>
    /// <param name="items">The items, in order (ties go to the earlier one).</param>
    /// <param name="answerOf">The item's answer, or null when it has none.</param>
    /// <param name="same">When two answers are one vote. Null: <see cref="SameAnswer"/>.</param>
    public static int? Winner<T>(IReadOnlyList<T> items, Func<T, string?> answerOf, Func<string, string, bool>? same = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(answerOf);
        same ??= SameAnswer;
        var groups = new List<(int First, string Answer, int Votes)>();
        for (var i = 0; i < items.Count; i++)
        {
            if (answerOf(items[i]) is not { } answer) continue;
            var g = groups.FindIndex(x => same(x.Answer, answer));
            if (g < 0) groups.Add((i, answer, 1));
            else groups[g] = groups[g] with { Votes = groups[g].Votes + 1 };
        }
        return groups.Count == 0 ? null : groups.OrderByDescending(g => g.Votes).ThenBy(g => g.First).First().First;
    }
}
