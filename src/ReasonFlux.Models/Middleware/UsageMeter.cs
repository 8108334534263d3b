using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Middleware;

/// <summary>
/// Thread-safe running totals of model calls: tokens, calls, failures and latency. One meter may be shared by
/// several clients (navigator and inference) to get the cost of a whole solve or evaluation.
/// </summary>
public sealed class UsageMeter
{
    private long _calls;
    private long _failedCalls;
    private long _callsWithoutUsage;
    private long _promptTokens;
    private long _completionTokens;
    private long _latencyTicks;
    private long _maxLatencyTicks;

    /// <summary>Adds one finished call with the usage its reply reported (null when it reported none).</summary>
    public void RecordCall(UsageDetails? usage, TimeSpan elapsed)
    {
        if (usage is null || (usage.InputTokenCount is null && usage.OutputTokenCount is null))
        {
            Interlocked.Increment(ref _callsWithoutUsage);
        }
        else
        {
            Interlocked.Add(ref _promptTokens, usage.InputTokenCount ?? 0);
            Interlocked.Add(ref _completionTokens, usage.OutputTokenCount ?? 0);
        }
        AddCall(elapsed);
    }

    /// <summary>Adds one call that ended in an exception.</summary>
    public void RecordFailure(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _failedCalls);
        AddCall(elapsed);
    }

    /// <summary>A consistent-enough copy of the totals (each field is exact; fields may be from moments apart under load).</summary>
    public UsageTotals Snapshot() => new(
        Interlocked.Read(ref _calls),
        Interlocked.Read(ref _failedCalls),
        Interlocked.Read(ref _callsWithoutUsage),
        Interlocked.Read(ref _promptTokens),
        Interlocked.Read(ref _completionTokens),
        TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks)),
        TimeSpan.FromTicks(Interlocked.Read(ref _maxLatencyTicks)));

    private void AddCall(TimeSpan elapsed)
    {
        Interlocked.Increment(ref _calls);
        Interlocked.Add(ref _latencyTicks, elapsed.Ticks);
        for (var max = Interlocked.Read(ref _maxLatencyTicks); elapsed.Ticks > max; max = Interlocked.Read(ref _maxLatencyTicks))
        {
            if (Interlocked.CompareExchange(ref _maxLatencyTicks, elapsed.Ticks, max) == max) break;
        }
    }
}
