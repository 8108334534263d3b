namespace ReasonFlux.Downloads;

/// <summary>A download that failed for good; the message names the URL and says what was wrong.</summary>
public sealed class DownloadException : Exception
{
    /// <summary>Creates the exception for <paramref name="source"/>.</summary>
    public DownloadException(Uri source, string message, Exception? inner = null, bool transient = false, long keptBytes = 0) : base(message, inner)
    {
        Source = source;
        Transient = transient;
        KeptBytes = keptBytes;
    }

    /// <inheritdoc />
    public DownloadException() : this(new Uri("about:blank"), "download failed") { }

    /// <inheritdoc />
    public DownloadException(string message) : this(new Uri("about:blank"), message) { }

    /// <inheritdoc />
    public DownloadException(string message, Exception inner) : this(new Uri("about:blank"), message, inner) { }

    /// <summary>The URL that was being downloaded.</summary>
    public new Uri Source { get; }

    /// <summary>True when the network or server kept failing (worth trying again later); false when the bytes or answer were wrong.</summary>
    public bool Transient { get; }

    /// <summary>Bytes kept in the partial file for a later resume (0 when none).</summary>
    public long KeptBytes { get; }
}
