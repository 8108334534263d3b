namespace ReasonFlux.Evaluation.Benchmarks;

/// <summary>A built-in benchmark could not be downloaded or did not match its checksum; the message says what to do.</summary>
public sealed class BenchmarkDownloadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BenchmarkDownloadException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public BenchmarkDownloadException() : base("benchmark download failed") { }

    /// <summary>Creates the exception.</summary>
    public BenchmarkDownloadException(string message) : base(message) { }
}
