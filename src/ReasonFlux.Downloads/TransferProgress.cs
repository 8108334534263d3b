namespace ReasonFlux.Downloads;

/// <summary>How far a download has come.</summary>
/// <param name="BytesDone">Bytes on disk so far, including those kept from an earlier, interrupted attempt.</param>
/// <param name="TotalBytes">Size of the whole file, when known.</param>
/// <param name="BytesPerSecond">Average speed of this attempt.</param>
/// <param name="Eta">Estimated time left, when size and speed are known.</param>
public readonly record struct TransferProgress(long BytesDone, long? TotalBytes, double BytesPerSecond, TimeSpan? Eta);
