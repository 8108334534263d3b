using System.Diagnostics;
using System.Runtime;

namespace ReasonFlux.Grading;

/// <summary>Counts the work of one comparison and stops it when it runs over its step or time bound. One budget
/// covers a whole grading: extraction, parsing and comparison.</summary>
internal sealed class WorkBudget(int maxSteps, TimeSpan time)
{
    private readonly long _deadline = Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * Stopwatch.Frequency);
    private readonly TimeSpan _jitAtStart = JitInfo.GetCompilationTime(currentThread: true);
    private int _steps;

    public static WorkBudget For(GradingOptions options) => new(options.StepLimit, options.Budget);

    public void Step()
    {
        _steps++;
        if (_steps > maxSteps) throw new BudgetExceededException($"over the bound of {maxSteps} evaluation steps");
        // Reading the clock costs more than a step, so look at it only now and then.
        if ((_steps & 255) == 0 && OverTime())
            throw new BudgetExceededException($"over the time bound of {time.TotalMilliseconds:0.###} ms", outOfTime: true);
    }

    /// <summary>Stops the work when the time bound has passed; <paramref name="phase"/> says where it stopped.</summary>
    public void CheckTime(string phase)
    {
        if (OverTime())
            throw new BudgetExceededException($"over the time bound of {time.TotalMilliseconds:0.###} ms during {phase}", outOfTime: true);
    }

    private bool OverTime()
    {
        var now = Stopwatch.GetTimestamp();
        if (now <= _deadline) return false;
        // Compiling the grader's code on first use is no work on this input: without this a fresh process could
        // time out on its first, trivial answer. The JIT's time on this thread is only read once past the deadline.
        var jit = JitInfo.GetCompilationTime(currentThread: true) - _jitAtStart;
        return now - (long)(jit.TotalSeconds * Stopwatch.Frequency) > _deadline;
    }
}
