namespace ReasonFlux.Templates;

/// <summary>Where a pulled library lies, its checksum, and whether this call downloaded it or found it cached.</summary>
public sealed record LibraryPullResult(string Path, string Sha256, long Bytes, bool Downloaded);
