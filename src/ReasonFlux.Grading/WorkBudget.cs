using System.Diagnostics;

namespace ReasonFlux.Grading;

/// <summary>Counts the work of one comparison and stops it when it runs over its step or time bound.</summary>
internal sealed class WorkBudget(int maxSteps, TimeSpan time)
{
    private readonly long _deadline = Stopwatch.GetTimestamp() + (long)(time.TotalSeconds * Stopwatch.Frequency);
    private int _steps;

    public static WorkBudget For(GradingOptions options) => new(options.StepLimit, options.Budget);

    public void Step()
    {
        _steps++;
        if (_steps > maxSteps) throw new BudgetExceededException($"over the bound of {maxSteps} evaluation steps");
        // Reading the clock costs more than a step, so look at it only now and then.
        if ((_steps & 255) == 0 && Stopwatch.GetTimestamp() > _deadline)
            throw new BudgetExceededException($"over the time bound of {time.TotalMilliseconds:0} ms");
    }
}
