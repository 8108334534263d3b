using System.Diagnostics;
using System.Numerics;
using System.Runtime;

namespace ReasonFlux.Grading;

/// <summary>
/// Counts the work of one grading — extraction, parsing and comparison — and stops it over its bound. The bound
/// is a count of work units (a node visited, a term multiplied, 16 characters scanned, 256 bits of a big number),
/// so a verdict never depends on how busy the machine is. A wall-clock guard far beyond any budgeted work stays as
/// a last resort against a bug in the counting; its clock starts at the first check (after 1,024 charges), so a
/// short grading never reads the clock at all.
/// </summary>
internal sealed class WorkBudget(long maxWork, TimeSpan wallGuard)
{
    private long _deadline;
    private TimeSpan _jitAtStart;
    private long _work;
    private int _charges;
    private Dictionary<string, string>? _cleaned;
    private Dictionary<string, (Expr? Expr, string? Error)>? _parsed;

    public static WorkBudget For(GradingOptions options) => new(options.WorkLimit, options.WallGuard);

    /// <summary>Where the work is now: named in the verdict when the budget runs out.</summary>
    public string Phase { get; set; } = "comparison";

    /// <summary>Polynomial term products spent on canonical forms in this grading (see <see cref="ExpansionMeter"/>).</summary>
    public long TermProducts { get; set; }

    public void Step() => Charge(1);

    public void Charge(long units)
    {
        _work += units;
        if (_work > maxWork) throw new BudgetExceededException($"over the work bound of {maxWork} units during {Phase}", stopsGrading: true);
        // Reading the clock costs more than a unit of work, so look at it only now and then.
        if ((++_charges & 1023) == 0 && OverTime())
            throw new BudgetExceededException($"over the wall-clock guard of {wallGuard.TotalMilliseconds:0.###} ms during {Phase}", stopsGrading: true);
    }

    /// <summary>Charges a scan of <paramref name="characters"/> characters.</summary>
    public void ChargeScan(int characters) => Charge(1 + characters / 16);

    /// <summary>Charges an arithmetic result by its size, so big-number work counts by its digits.</summary>
    public void ChargeNumber(BigInteger value) => Charge(1 + (value.IsZero ? 0 : (long)value.GetBitLength() / 256));

    private bool OverTime()
    {
        var now = Stopwatch.GetTimestamp();
        if (_deadline == 0)
        {
            _deadline = now + (long)(wallGuard.TotalSeconds * Stopwatch.Frequency);
            _jitAtStart = JitInfo.GetCompilationTime(currentThread: true);
            return false;
        }
        if (now <= _deadline) return false;
        // Compiling the grader's code on first use is no work on this input: without this a fresh process could
        // be stopped on its first, trivial answer. The JIT's time on this thread is only read once past the deadline.
        var jit = JitInfo.GetCompilationTime(currentThread: true) - _jitAtStart;
        return now - (long)(jit.TotalSeconds * Stopwatch.Frequency) > _deadline;
    }

    /// <summary><see cref="AnswerCleaner.Clean"/>, remembered for this grading: extraction and comparison clean the
    /// same answer.</summary>
    public string Clean(string answer)
    {
        _cleaned ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (!_cleaned.TryGetValue(answer, out var cleaned))
        {
            ChargeScan(answer.Length);
            _cleaned[answer] = cleaned = AnswerCleaner.Clean(answer);
        }
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
