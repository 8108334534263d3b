namespace ReasonFlux.Reasoning;

/// <summary>Convenience over <see cref="ISolver"/>.</summary>
public static class SolverExtensions
{
    /// <summary>Runs the solve to the end and returns the solution.</summary>
    public static async Task<Solution> SolveAsync(this ISolver solver, SolveRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(solver);
        await foreach (var update in solver.SolveStreamingAsync(request, cancellationToken).ConfigureAwait(false))
            if (update.Solution is { } solution) return solution;
        throw new InvalidOperationException($"{solver.GetType().Name} ended without a solution");
    }
}
