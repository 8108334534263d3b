using System.Diagnostics;
using System.Globalization;

namespace ReasonFlux.Cli;

/// <summary>Rewrites one stderr line ("embedding templates 37/420  4.1 s") while an index is built; <see cref="Clear"/> removes it.</summary>
internal sealed class IndexProgressLine(TextWriter error) : IProgress<(int Done, int Total)>
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly Lock _gate = new();
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private TimeSpan _last = TimeSpan.MinValue;
    private int _width;

    public void Report((int Done, int Total) value)
    {
        lock (_gate)
        {
            if (value.Done < value.Total && _watch.Elapsed - _last < Interval) return;
            _last = _watch.Elapsed;
            var text = string.Create(CultureInfo.InvariantCulture, $"embedding templates {value.Done}/{value.Total}  {_watch.Elapsed.TotalSeconds:0.0} s");
            error.Write("\r" + text.PadRight(_width));
            _width = text.Length;
            error.Flush();
        }
    }

    /// <summary>Blanks the line, if one was written, so the next output starts clean.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            if (_width == 0) return;
            error.Write("\r" + new string(' ', _width) + "\r");
            error.Flush();
            _width = 0;
        }
    }
}
