namespace ReasonFlux.Distillation;

/// <summary>What a distillation did, over every problem its store holds.</summary>
/// <param name="Solved">Solved problems found in the sources (after --limit).</param>
/// <param name="Skipped">Problems and traces left out of the sources (not graded correct…), by reason.</param>
/// <param name="Kept">Templates kept.</param>
/// <param name="Duplicates">Candidates that repeat a known template.</param>
/// <param name="FailedChecks">Candidates that failed a check (schema, example answer).</param>
/// <param name="Unreadable">Replies no template could be read from, even after the repair request.</param>
/// <param name="Errors">Problems whose backend call failed; a resume redoes them.</param>
/// <param name="ByReason">Outcome → reason → count, for every outcome but kept.</param>
/// <param name="Templates">The kept templates, in source order.</param>
/// <param name="DuplicateOf">Each duplicate: the problem and the template it repeats.</param>
/// <param name="Calls">Model calls spent (distil, repair, judge) over every session.</param>
public sealed record DistillSummary(
    int Solved, IReadOnlyDictionary<string, int> Skipped, int Kept, int Duplicates, int FailedChecks, int Unreadable, int Errors,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> ByReason, IReadOnlyList<DistilledTemplateInfo> Templates,
    IReadOnlyList<DuplicateInfo> DuplicateOf, long Calls)
{
    /// <summary>Builds the summary from the store's records.</summary>
    public static DistillSummary From(SolvedProblemSet set, int solved, IReadOnlyList<DistillRecord> records)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(records);
        int Count(string outcome) => records.Count(r => r.Outcome == outcome);
        var byReason = records.Where(r => r.Outcome != DistillOutcomes.Kept).GroupBy(r => r.Outcome, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, int>)g.GroupBy(r => Category(r.Reason), StringComparer.Ordinal)
                .OrderByDescending(c => c.Count()).ThenBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Count(), StringComparer.Ordinal), StringComparer.Ordinal);
        var kept = records.Where(r => r.Outcome == DistillOutcomes.Kept && r.Template is not null)
            .Select(r => DistilledTemplateInfo.From(r)).ToList();
        var duplicates = records.Where(r => r.Outcome == DistillOutcomes.Duplicate)
            .Select(r => new DuplicateInfo(r.Key, r.DuplicateOf ?? "", r.Similarity ?? 0, r.Reason)).ToList();
        return new DistillSummary(solved, set.Skipped, Count(DistillOutcomes.Kept), Count(DistillOutcomes.Duplicate), Count(DistillOutcomes.FailedCheck),
            Count(DistillOutcomes.Unreadable), Count(DistillOutcomes.Error), byReason, kept, duplicates, records.Sum(r => (long)r.Calls));
    }

    /// <summary>The kind of a reason: the words before its first ": " ("schema: $.reason_flow: …" → "schema").</summary>
    internal static string Category(string reason)
    {
        var colon = reason.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? reason : reason[..colon];
    }
}
