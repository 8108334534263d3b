namespace ReasonFlux.Evaluation.Benchmarks;

/// <summary>
/// A built-in benchmark could not be downloaded or did not match its checksum. The remedy is a local copy
/// (<see cref="BenchmarkSourceOptions.DataPath"/>); the message says so in plain words, a front end names its own option.
/// </summary>
public sealed class BenchmarkDownloadException : Exception
{
    /// <summary>Creates the exception for <paramref name="benchmark"/>, failed for <paramref name="problem"/>.</summary>
    public BenchmarkDownloadException(string benchmark, string problem, Exception? inner = null)
        : base($"{benchmark}: {problem}; download it yourself and read it from the local copy", inner)
    {
        Benchmark = benchmark;
        Problem = problem;
    }

    /// <summary>Creates the exception.</summary>
    public BenchmarkDownloadException() : this("benchmark", "download failed") { }

    /// <summary>Creates the exception.</summary>
    public BenchmarkDownloadException(string message) : this("benchmark", message) { }

    /// <summary>The benchmark's name.</summary>
    public string Benchmark { get; }

    /// <summary>Why the download failed.</summary>
    public string Problem { get; }

    /// <summary>The setting that takes the local copy.</summary>
    public static Setting LocalCopy { get; } = Setting.Of<BenchmarkSourceOptions>(nameof(BenchmarkSourceOptions.DataPath), "local benchmark file");
}
