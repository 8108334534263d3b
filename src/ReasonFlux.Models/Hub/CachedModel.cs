using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace ReasonFlux.Models.Hub;

/// <summary>A verified model file in the local cache.</summary>
/// <param name="Owner">Repository owner.</param>
/// <param name="Repo">Repository name.</param>
/// <param name="File">Path of the file in the repository.</param>
/// <param name="Revision">Revision it was requested at (branch, tag or commit).</param>
/// <param name="Commit">Commit the hub resolved that revision to (<c>X-Repo-Commit</c>), when it said.</param>
/// <param name="Sha256">SHA-256 of the file, verified after download.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="DownloadedAt">When the download finished.</param>
public sealed record CachedModel(
    string Owner, string Repo, string File, string Revision, string? Commit, string Sha256, long Size, DateTimeOffset DownloadedAt)
{
    /// <summary>
    /// The file's last-write time when it was verified. A file whose time differs was changed since (or copied, or
    /// touched) and is hashed again before use. Null in metadata of earlier versions: hashed on first use.
    /// </summary>
    public DateTimeOffset? VerifiedWriteTime { get; init; }

    /// <summary>Full path of the model file.</summary>
    [JsonIgnore]
    public string Path { get; init; } = "";

    /// <summary>
    /// Short id shown by <c>models list</c> and accepted by <c>models rm</c>: 12 hex digits of the SHA-256 of
    /// <c>OWNER/REPO/FILE@REVISION</c>, so it is unique per cached entry even when several revisions hold the same file.
    /// </summary>
    [JsonIgnore]
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Owner}/{Repo}/{File}@{Revision}")))[..12];

    /// <summary>The hub reference this file came from.</summary>
    [JsonIgnore]
    public HubFileRef Reference => new(Owner, Repo, File, Revision);
}
