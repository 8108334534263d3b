using System.Collections.Concurrent;
using ReasonFlux.Templates;

namespace ReasonFlux.Reasoning.Tests.Flux;

/// <summary>Passes every search to a real index and remembers what was asked, so tests can check the queries.</summary>
public sealed class RecordingIndex(ITemplateIndex inner) : ITemplateIndex
{
    private readonly ConcurrentQueue<string> _queries = new();

    /// <summary>Every search in order: flat ones as "flat: query", hierarchical ones as "hierarchical: category | direction | method".</summary>
    public IReadOnlyList<string> Queries => [.. _queries];

    public Task<IReadOnlyList<TemplateHit>> SearchAsync(string query, int k, CancellationToken ct = default)
    {
        _queries.Enqueue("flat: " + query);
        return inner.SearchAsync(query, k, ct);
    }

    public Task<IReadOnlyList<TemplateHit>> SearchHierarchicalAsync(string category, string direction, string method, int k, CancellationToken ct = default)
    {
        _queries.Enqueue($"hierarchical: {category} | {direction} | {method}");
        return inner.SearchHierarchicalAsync(category, direction, method, k, ct);
    }
}
