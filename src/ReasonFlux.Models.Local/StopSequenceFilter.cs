namespace ReasonFlux.Models.Local;

/// <summary>
/// Streams generated text while watching for stop sequences. Text that could be the start of a stop sequence is held
/// back until it is clear, so a stop sequence never reaches the caller, not even in part.
/// </summary>
internal sealed class StopSequenceFilter(IEnumerable<string>? stops)
{
    private readonly string[] _stops = stops?.Where(s => s.Length > 0).ToArray() ?? [];
    private string _pending = "";

    public bool Stopped { get; private set; }

    /// <summary>No stop sequences to watch for.</summary>
    public bool IsEmpty => _stops.Length == 0;

    /// <summary>Adds new text; returns what can be emitted now and whether a stop sequence was hit.</summary>
    public (string Text, bool Stopped) Push(string text)
    {
        if (_stops.Length == 0) return (text, false);
        _pending += text;
        var first = -1;
        foreach (var stop in _stops)
        {
            var at = _pending.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && (first < 0 || at < first)) first = at;
        }
        if (first >= 0)
        {
            Stopped = true;
            var emit = _pending[..first];
            _pending = "";
            return (emit, true);
        }
        var keep = HeldBackLength();
        var ready = _pending[..^keep];
        _pending = _pending[^keep..];
        return (ready, false);
    }

    /// <summary>Text still held back when generation ends for another reason.</summary>
    public string Flush()
    {
        var rest = _pending;
        _pending = "";
        return rest;
    }

    /// <summary>Length of the longest suffix of the pending text that is a prefix of some stop sequence.</summary>
    private int HeldBackLength()
    {
        var best = 0;
        foreach (var stop in _stops)
        {
            for (var n = Math.Min(stop.Length - 1, _pending.Length); n > best; n--)
            {
                if (_pending.AsSpan(_pending.Length - n).SequenceEqual(stop.AsSpan(0, n)))
                {
                    best = n;
                    break;
                }
            }
        }
        return best;
    }
}
