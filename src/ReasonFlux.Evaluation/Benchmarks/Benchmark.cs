namespace ReasonFlux.Evaluation.Benchmarks;

/// <summary>A loaded benchmark: its problems and the checksum of the file they came from.</summary>
/// <param name="Name">The built-in name (math500, aime24…) or the file name for custom files.</param>
/// <param name="SourcePath">The file the problems were read from.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of that file, recorded in run manifests.</param>
/// <param name="Problems">The problems, in file order.</param>
public sealed record Benchmark(string Name, string SourcePath, string Sha256, IReadOnlyList<BenchmarkProblem> Problems)
{
    /// <summary>The first <paramref name="limit"/> problems (all when null).</summary>
    public IReadOnlyList<BenchmarkProblem> Take(int? limit) =>
        limit is { } n && n < Problems.Count ? [.. Problems.Take(n)] : Problems;
}
