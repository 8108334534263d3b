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
    private Dictionary<string, string>? _cleaned;
    private Dictionary<string, (Expr? Expr, string? Error)>? _parsed;

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

    /// <summary><see cref="AnswerCleaner.Clean"/>, remembered for this grading: extraction and comparison clean the
    /// same answer.</summary>
    public string Clean(string answer)
    {
        _cleaned ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (!_cleaned.TryGetValue(answer, out var cleaned)) _cleaned[answer] = cleaned = AnswerCleaner.Clean(answer);
        return cleaned;
    }

    /// <summary>A parse already done in this grading (trees are immutable, so sharing them is safe).</summary>
    public bool TryGetParsed(string cleaned, out (Expr? Expr, string? Error) parsed)
    {
        parsed = default;
        return _parsed is not null && _parsed.TryGetValue(cleaned, out parsed);
    }

    public void RememberParsed(string cleaned, Expr? expr, string? error) =>
        (_parsed ??= new Dictionary<string, (Expr?, string?)>(StringComparer.Ordinal))[cleaned] = (expr, error);
}
