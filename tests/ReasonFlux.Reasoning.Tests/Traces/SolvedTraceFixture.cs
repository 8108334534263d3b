using ReasonFlux.Reasoning.Flux;
using ReasonFlux.Reasoning.Tests.Flux;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Reasoning.Tests.Traces;

/// <summary>A trace from a real flux solve against the scripted loopback models (with a revise review), made once.</summary>
public sealed class SolvedTraceFixture : IAsyncLifetime
{
    public const string Problem = "If x < 3 and <b>y</b> = 2, find x + y.";

    private readonly LibraryFixture _library = new();

    public SolveTrace Trace { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await _library.InitializeAsync();
        await using var models = new ScriptedModels();
        models.Script(ScriptedModels.Review, """{"decision": "revise", "score": 5, "reason": "change course"}""");
        models.Script(ScriptedModels.Replan, """["Bound x", "Add y"]""");
        var recorder = new TraceRecorder();
        var solver = new FluxSolver(models.Client("navigator-model"), models.Client("inference-model"), _library.Index);
        await foreach (var _ in solver.SolveStreamingAsync(new SolveRequest(Problem), recorder)) { }
        Trace = recorder.Trace!;
    }

    public ValueTask DisposeAsync() => _library.DisposeAsync();
}
