using System.Runtime.CompilerServices;
using ReasonFlux.Reasoning;

namespace ReasonFlux.Server.Tests;

/// <summary>
/// A test solver for the HTTP layer's load, timeout and cancellation behaviour: it answers at once with a fixed
/// thinking + answer, or blocks until released or cancelled, and records what it saw.
/// </summary>
internal sealed class ScriptedSolver(bool block = false) : ISolver
{
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private int _maxRunning;
    private int _started;

    public ChatRequestSettings? LastSettings { get; set; }
    public TaskCompletionSource FirstStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public TaskCompletionSource SawCancellation { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public int Started => Volatile.Read(ref _started);
    public int MaxRunning => Volatile.Read(ref _maxRunning);

    /// <summary>Lets every blocked solve finish normally.</summary>
    public void Release() => _release.TrySetResult();

    public ServedModel Serve(string name = "scripted") => new(name, settings =>
    {
        LastSettings = settings;
        return this;
    });

    public async IAsyncEnumerable<SolveUpdate> SolveStreamingAsync(SolveRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _started);
        var running = Interlocked.Increment(ref _running);
        int seen;
        while ((seen = Volatile.Read(ref _maxRunning)) < running && Interlocked.CompareExchange(ref _maxRunning, running, seen) != seen) { }
        FirstStarted.TrySetResult();
        try
        {
            if (block) await _release.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            SawCancellation.TrySetResult();
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
        yield return new SolveUpdate(SolveUpdateKind.Thinking, "<think>Two and two ");
        yield return new SolveUpdate(SolveUpdateKind.Thinking, "make four.</think>");
        yield return new SolveUpdate(SolveUpdateKind.Answer, "The answer is \\boxed{4}.");
        var sample = new SampleResult("<think>Two and two make four.</think>The answer is \\boxed{4}.", "Two and two make four.", "The answer is \\boxed{4}.", "4", 6, new TokenUsage(12, 10), false);
        yield return new SolveUpdate(SolveUpdateKind.Completed, "", 0,
            new Solution("4", sample.Text, sample.Thinking, sample.Usage, TimeSpan.FromMilliseconds(3), "scripted-backend", [sample]));
    }
}
