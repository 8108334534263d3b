using ReasonFlux.Templates;

namespace ReasonFlux.Reasoning.Flux;

/// <summary>
/// Per-step template searches, started ahead: once the steps are known, each one's search runs in the background (one
/// after another, in step order) while earlier steps are with the models, so a step rarely waits for its own search.
/// A step whose text was never prefetched (after a re-plan) is searched when asked for.
/// </summary>
internal sealed class StepSearches(ITemplateIndex index, int k, CancellationToken ct)
{
    private readonly Dictionary<string, Task<IReadOnlyList<TemplateHit>>> _byGoal = new(StringComparer.Ordinal);
    private Task _tail = Task.CompletedTask;

    /// <summary>Queues the searches of <paramref name="goals"/> not searched yet.</summary>
    public void Prefetch(IEnumerable<string> goals)
    {
        foreach (var goal in goals)
        {
            if (_byGoal.ContainsKey(goal)) continue;
            var previous = _tail;
            var search = Task.Run(async () =>
            {
                // In order, not all at once: the first steps' searches finish first, and the embedder is not swamped.
                await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                return await index.SearchAsync(goal, k, ct).ConfigureAwait(false);
            }, ct);
            _byGoal[goal] = search;
            _tail = search;
        }
    }

    /// <summary>The search results for <paramref name="goal"/>, prefetched or started now.</summary>
    public Task<IReadOnlyList<TemplateHit>> ForAsync(string goal)
    {
        Prefetch([goal]);
        return _byGoal[goal];
    }
}
