using System.Runtime.CompilerServices;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Grading;
using ReasonFlux.Reasoning;

namespace ReasonFlux.Evaluation;

/// <summary>
/// Answers each problem with the benchmark's own worked solution (or its bare answer when it has none). No model is
/// involved: a run with it checks loaders, runner, store and grader end to end on real data, and its misses show
/// where a reference solution is not in a gradable form.
/// </summary>
public sealed class ReferenceSolver : ISolver
{
    private readonly Dictionary<string, string> _solutions = new(StringComparer.Ordinal);

    /// <summary>Creates the solver for one benchmark.</summary>
    public ReferenceSolver(Benchmark benchmark)
    {
        ArgumentNullException.ThrowIfNull(benchmark);
        foreach (var p in benchmark.Problems)
            _solutions.TryAdd(p.Problem, string.IsNullOrWhiteSpace(p.ReferenceSolution) ? p.Answer : p.ReferenceSolution);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SolveUpdate> SolveStreamingAsync(SolveRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        await Task.Yield();
        if (!_solutions.TryGetValue(request.Problem, out var text))
            throw new InvalidOperationException("the reference solver only knows the problems of its own benchmark");
        // Read like any solver's reply, with the problem's answer kind.
        var answer = AnswerExtractor.Extract(text, request.AnswerKind)?.Text;
        var sample = new SampleResult(text, "", text, answer, 0, default, false);
        yield return new SolveUpdate(SolveUpdateKind.Answer, text);
        yield return new SolveUpdate(SolveUpdateKind.Completed, "", 0, new Solution(answer, text, "", default, TimeSpan.Zero, "reference", [sample]));
    }
}
