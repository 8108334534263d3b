using System.Diagnostics.CodeAnalysis;

namespace ReasonFlux.Models.Local;

/// <summary>
/// Admission for the batched decoder: at most <see cref="Slots"/> sequences hold a KV-cache slot at once; the rest wait
/// first come, first served, so no request can be overtaken forever. Active sequences are visited round-robin so that
/// prompt chunks share the batch fairly. Not thread-safe: the decoder holds its lock around every call.
/// </summary>
internal sealed class SequenceScheduler<T>(int slots) where T : class
{
    private readonly T?[] _active = new T?[slots > 0 ? slots : throw new ArgumentOutOfRangeException(nameof(slots), "at least one slot")];
    private readonly LinkedList<T> _waiting = new();
    private int _next;

    /// <summary>Sequence slots, each with its own share of the KV cache.</summary>
    public int Slots => _active.Length;

    /// <summary>Sequences holding a slot.</summary>
    public int Active { get; private set; }

    /// <summary>Sequences queued for a slot.</summary>
    public int Waiting => _waiting.Count;

    public void Enqueue(T item) => _waiting.AddLast(item);

    /// <summary>
    /// Moves the oldest waiting sequence into a free slot, if there is both: the free slot <paramref name="preference"/>
    /// scores highest for it (a slot whose cache it can reuse), else the lowest.
    /// </summary>
    public bool TryAdmit([NotNullWhen(true)] out T? item, out int slot, Func<T, int, int>? preference = null)
    {
        item = null;
        slot = -1;
        if (_waiting.First is not { } first) return false;
        var best = int.MinValue;
        for (var i = 0; i < _active.Length; i++)
        {
            if (_active[i] is not null) continue;
            var score = preference?.Invoke(first.Value, i) ?? 0;
            if (score > best) (best, slot) = (score, i);
        }
        if (slot < 0) return false;
        _waiting.RemoveFirst();
        item = first.Value;
        _active[slot] = item;
        Active++;
        return true;
    }

    /// <summary>Whether a sequence holds the slot.</summary>
    public bool InUse(int slot) => _active[slot] is not null;

    /// <summary>Frees a slot.</summary>
    public void Release(int slot)
    {
        if (_active[slot] is null) throw new InvalidOperationException($"slot {slot} is not in use");
        _active[slot] = null;
        Active--;
    }

    /// <summary>Takes waiting sequences that match out of the queue (cancelled before they got a slot).</summary>
    public void RemoveWaiting(Func<T, bool> predicate, List<T> removed)
    {
        for (var node = _waiting.First; node is not null;)
        {
            var next = node.Next;
            if (predicate(node.Value))
            {
                removed.Add(node.Value);
                _waiting.Remove(node);
            }
            node = next;
        }
    }

    /// <summary>Active sequences with their slots, starting one slot further on each call.</summary>
    public void RoundRobin(List<(int Slot, T Item)> into)
    {
        into.Clear();
        var start = _next;
        _next = (_next + 1) % _active.Length;
        for (var i = 0; i < _active.Length; i++)
        {
            var slot = (start + i) % _active.Length;
            if (_active[slot] is { } item) into.Add((slot, item));
        }
    }

    /// <summary>Everything, active and waiting, emptied out (the decoder is shutting down).</summary>
    public List<T> Drain()
    {
        var all = _active.OfType<T>().Concat(_waiting).ToList();
        Array.Clear(_active);
        _waiting.Clear();
        Active = 0;
        return all;
    }
}
