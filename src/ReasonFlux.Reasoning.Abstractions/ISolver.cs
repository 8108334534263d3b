namespace ReasonFlux.Reasoning;

/// <summary>Solves one problem. The CLI, the evaluation runner and the server all take this.</summary>
public interface ISolver
{
    /// <summary>Streams progress (thinking and answer text as it is generated); the last update carries the <see cref="Solution"/>.</summary>
    IAsyncEnumerable<SolveUpdate> SolveStreamingAsync(SolveRequest request, CancellationToken cancellationToken = default);
}
