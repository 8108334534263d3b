namespace ReasonFlux.Downloads;

/// <summary>One file to fetch with <see cref="CheckedDownloader"/>: where from, where to, and what it must be.</summary>
public sealed record CheckedDownload
{
    /// <summary>Creates a download of <paramref name="source"/> into <paramref name="targetPath"/> that must hash to <paramref name="sha256"/>.</summary>
    public CheckedDownload(Uri source, string targetPath, string sha256)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        Source = source;
        TargetPath = targetPath;
        Sha256 = sha256.Trim().ToLowerInvariant();
    }

    /// <summary>The URL to GET (redirects are followed).</summary>
    public Uri Source { get; }

    /// <summary>Where the verified file ends up; it appears there only after its checksum matched.</summary>
    public string TargetPath { get; }

    /// <summary>The lower-case hex SHA-256 the bytes must have.</summary>
    public string Sha256 { get; }

    /// <summary>The exact size the file must have (an LFS size, a pinned size); more bytes stop the transfer. Null: unknown.</summary>
    public long? ExpectedSize { get; init; }

    /// <summary>The most bytes accepted when <see cref="ExpectedSize"/> is unknown, whatever the server declares. Default 256 MiB.</summary>
    public long MaxBytes { get; init; } = 256L << 20;

    /// <summary>
    /// Where the bytes go until verified. Default: <see cref="TargetPath"/> + <c>.SHA256.partial</c>. A partial left by an
    /// interrupted run is resumed with a Range request when <see cref="Resume"/> is set, else started over.
    /// </summary>
    public string PartialPath { get => field ?? $"{TargetPath}.{Sha256}.partial"; init; }

    /// <summary>Keep the partial file when the download fails for good, so that the next run resumes it. Default false: deleted.</summary>
    public bool Resume { get; init; }

    /// <summary>The byte limit this download enforces: the expected size when known, else <see cref="MaxBytes"/>.</summary>
    public long Limit => ExpectedSize ?? MaxBytes;
}
