namespace ReasonFlux.Downloads;

/// <summary>A verified file that <see cref="CheckedDownloader"/> moved into place.</summary>
/// <param name="Path">Where it is.</param>
/// <param name="Sha256">Its lower-case hex SHA-256 (the expected one: it was checked).</param>
/// <param name="Size">Its size in bytes.</param>
public sealed record DownloadedFile(string Path, string Sha256, long Size);
