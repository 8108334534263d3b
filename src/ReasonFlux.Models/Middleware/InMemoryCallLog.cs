using System.Collections.Concurrent;

namespace ReasonFlux.Models.Middleware;

/// <summary>A call log that keeps every record in memory, in the order calls finished.</summary>
public sealed class InMemoryCallLog : ICallLog
{
    private readonly ConcurrentQueue<ModelCallRecord> _records = new();

    /// <summary>The records so far.</summary>
    public IReadOnlyList<ModelCallRecord> Records => [.. _records];

    /// <inheritdoc />
    public void Record(ModelCallRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _records.Enqueue(record);
    }
}
