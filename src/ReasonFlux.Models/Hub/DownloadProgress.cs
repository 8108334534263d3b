namespace ReasonFlux.Models.Hub;

/// <summary>How far a model download has come.</summary>
/// <param name="File">The file being downloaded.</param>
/// <param name="BytesDone">Bytes on disk so far, including those kept from an earlier, interrupted attempt.</param>
/// <param name="TotalBytes">Size of the whole file, when the hub said.</param>
/// <param name="BytesPerSecond">Average speed of this attempt.</param>
/// <param name="Eta">Estimated time left, when size and speed are known.</param>
public sealed record DownloadProgress(HubFileRef File, long BytesDone, long? TotalBytes, double BytesPerSecond, TimeSpan? Eta)
{
    /// <summary>Fraction done in [0, 1], when the size is known.</summary>
    public double? Fraction => TotalBytes is > 0 ? Math.Min(1.0, (double)BytesDone / TotalBytes.Value) : null;
}
