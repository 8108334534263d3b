namespace ReasonFlux.Models.Hub;

/// <summary>What the hub said about a file before downloading it.</summary>
/// <param name="DownloadUri">Where the bytes are (the CDN location the hub redirects to, or the resolve URL itself).</param>
/// <param name="Sha256">SHA-256 from <c>X-Linked-Etag</c>/<c>ETag</c> when it is one (LFS files); null otherwise.</param>
/// <param name="Size">From <c>X-Linked-Size</c> or <c>Content-Length</c>.</param>
/// <param name="Commit">From <c>X-Repo-Commit</c>.</param>
internal sealed record RemoteFile(Uri DownloadUri, string? Sha256, long? Size, string? Commit);
