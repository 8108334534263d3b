using System.Security.Cryptography;
using System.Text.Json;
using ReasonFlux.Downloads;

namespace ReasonFlux.Models.Hub;

/// <summary>
/// Downloads GGUF models from a Hugging Face hub into a local cache and finds them there. Downloads resume after
/// an interruption, are checked against the SHA-256 the hub (and, where pinned, the caller) gives, and reach their
/// final name only once verified, so a file in the cache is always complete.
/// </summary>
/// <remarks>
/// Layout: <c>&lt;cache&gt;/models/OWNER/REPO/REVISION/FILE</c>, beside it <c>FILE.reasonflux.json</c> (what was
/// verified) and, while downloading, <c>FILE.&lt;sha256&gt;.partial</c>. Naming the partial after the expected hash
/// means a resume only ever appends to bytes of the same file.
/// </remarks>
public sealed class ModelHub : IDisposable
{
    private const string MetadataSuffix = ".reasonflux.json";
    private const string PartialSuffix = ".partial";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly HubDownloader _downloader;

    /// <summary>Creates a hub client; it owns an <see cref="HttpClient"/>, so dispose it.</summary>
    public ModelHub(HubOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _downloader = new HubDownloader(options);
    }

    /// <summary>The options this hub uses.</summary>
    public HubOptions Options { get; }

    /// <summary>Where <paramref name="file"/> lives (or would live) in the cache.</summary>
    public string PathFor(HubFileRef file)
    {
        ArgumentNullException.ThrowIfNull(file);
        // Revisions such as refs/pr/1 hold slashes; escaping keeps each revision one folder.
        var parts = new[] { Options.ModelsDir, file.Owner, file.Repo, Uri.EscapeDataString(file.Revision) }.Concat(file.File.Split('/'));
        return Path.Combine(parts.ToArray());
    }

    /// <summary>The cached, verified copy of <paramref name="file"/>, or null. Never touches the network.</summary>
    public CachedModel? Find(HubFileRef file)
    {
        var entry = ReadEntry(PathFor(file) + MetadataSuffix);
        return entry is not null && (file.Sha256 is null || file.Sha256 == entry.Sha256) ? entry : null;
    }

    /// <summary>
    /// Returns the local path of <paramref name="file"/>, downloading it first when it is not cached. A cached file
    /// is returned without asking the hub.
    /// </summary>
    /// <exception cref="ModelDownloadException">The hub is unreachable, refuses, lacks the file, or the bytes do not verify.</exception>
    public async Task<string> EnsureAsync(HubFileRef file, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        if (Find(file) is { } cached) return cached.Path;
        var remote = await ResolveAsync(file, cancellationToken).ConfigureAwait(false);
        var model = await DownloadAsync(file, remote, progress, cancellationToken).ConfigureAwait(false);
        return model.Path;
    }

    /// <summary>
    /// Asks the hub for the current version of <paramref name="file"/> and downloads it unless the cached copy
    /// already has the same SHA-256. Use it to refresh a branch such as <c>main</c>.
    /// </summary>
    /// <exception cref="ModelDownloadException">The hub is unreachable, refuses, lacks the file, or the bytes do not verify.</exception>
    public async Task<CachedModel> PullAsync(HubFileRef file, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var remote = await ResolveAsync(file, cancellationToken).ConfigureAwait(false);
        var expected = ExpectedSha256(file, remote);
        if (Find(file) is { } cached && cached.Sha256 == expected) return cached;
        return await DownloadAsync(file, remote, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every verified model in the cache, ordered by repository, file and revision.</summary>
    public IReadOnlyList<CachedModel> List()
    {
        if (!Directory.Exists(Options.ModelsDir)) return [];
        return Directory.EnumerateFiles(Options.ModelsDir, "*" + MetadataSuffix, SearchOption.AllDirectories)
            .Select(ReadEntry)
            .OfType<CachedModel>()
            .OrderBy(m => m.Owner, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.Repo, StringComparer.OrdinalIgnoreCase)
            .ThenBy(m => m.File, StringComparer.Ordinal)
            .ThenBy(m => m.Revision, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Deletes cached models matching <paramref name="selector"/>: <c>OWNER/REPO/FILE</c> (every revision),
    /// <c>OWNER/REPO/FILE@REVISION</c> (one; <c>hf:</c> prefix allowed) or an id from <see cref="CachedModel.Id"/>
    /// (a prefix of at least 4 hex digits, of the id or of the file's SHA-256). Unfinished partial downloads of those files go too.
    /// </summary>
    /// <exception cref="ArgumentException">An id prefix matches more than one cached model.</exception>
    /// <returns>What was removed; empty when nothing matched.</returns>
    public IReadOnlyList<CachedModel> Remove(string selector)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(selector);
        var matches = List().Where(Matcher(selector.Trim())).ToList();
        if (IsIdSelector(selector.Trim()) && matches.Count > 1)
        {
            throw new ArgumentException(
                $"'{selector.Trim()}' matches {matches.Count} cached models ({string.Join(", ", matches.Select(m => $"{m.Id} {m.Reference}"))}); give a longer id or OWNER/REPO/FILE@REVISION");
        }
        foreach (var model in matches)
        {
            var folder = Path.GetDirectoryName(model.Path)!;
            foreach (var partial in Directory.EnumerateFiles(folder, Path.GetFileName(model.Path) + ".*" + PartialSuffix)) File.Delete(partial);
            File.Delete(model.Path);
            File.Delete(model.Path + MetadataSuffix);
            PruneEmptyFolders(folder);
        }

        return matches;
    }

    /// <inheritdoc />
    public void Dispose() => _downloader.Dispose();

    private async Task<RemoteFile> ResolveAsync(HubFileRef file, CancellationToken cancellationToken)
    {
        try
        {
            return await _downloader.ResolveAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            throw Unreachable(file, ex, keptBytes: 0);
        }
    }

    private async Task<CachedModel> DownloadAsync(HubFileRef file, RemoteFile remote, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var expected = ExpectedSha256(file, remote);
        var target = PathFor(file);
        var folder = Path.GetDirectoryName(target)!;
        var partial = $"{target}.{expected}{PartialSuffix}";
        DownloadedFile downloaded;
        try
        {
            Directory.CreateDirectory(folder);
            // A partial for another hash is from an older version of the file; it can never be resumed.
            foreach (var stale in Directory.EnumerateFiles(folder, Path.GetFileName(target) + ".*" + PartialSuffix).Where(p => p != partial))
                File.Delete(stale);
            // The model file is renamed into place only once verified; the metadata follows it, so a crash in between
            // leaves a file that Find ignores and the next call downloads again.
            File.Delete(target + MetadataSuffix);
            downloaded = await _downloader.DownloadAsync(file, remote, target, expected, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (DownloadException ex) when (ex.Transient)
        {
            throw Unreachable(file, ex.InnerException ?? ex, ex.KeptBytes);
        }
        catch (DownloadException ex)
        {
            throw new ModelDownloadException($"{file}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ModelDownloadException($"{file}: cannot write to the model cache at {folder} ({ex.Message}); another download of this file may be running", ex);
        }

        var model = new CachedModel(file.Owner, file.Repo, file.File, file.Revision, remote.Commit, downloaded.Sha256, downloaded.Size, DateTimeOffset.UtcNow)
        {
            Path = target,
            VerifiedWriteTime = File.GetLastWriteTimeUtc(target),
        };
        WriteEntry(model);
        return model;
    }

    private static void WriteEntry(CachedModel model)
    {
        var metadata = model.Path + MetadataSuffix;
        File.WriteAllText(metadata + ".tmp", JsonSerializer.Serialize(model, Json));
        File.Move(metadata + ".tmp", metadata, overwrite: true);
    }

    private static string ExpectedSha256(HubFileRef file, RemoteFile remote)
    {
        if (file.Sha256 is { } pinned && remote.Sha256 is { } reported && pinned != reported)
            throw new ModelDownloadException(
                $"{file}: the hub reports sha256 {reported} but {pinned} is pinned; the file changed upstream, so it is refused");
        return file.Sha256 ?? remote.Sha256 ?? throw new ModelDownloadException(
            $"{file}: the hub sent no sha256 for this file (X-Linked-Etag/ETag), so it cannot be verified; only files stored with Git LFS, such as GGUF models, can be pulled");
    }

    private ModelDownloadException Unreachable(HubFileRef file, Exception ex, long keptBytes)
    {
        var cause = ex is HttpRequestException { StatusCode: { } status }
            ? $"{Options.HubUrl.Host} kept failing with {(int)status} {status}"
            : $"cannot reach {Options.HubUrl.GetLeftPart(UriPartial.Authority)} ({ex.Message})";
        var kept = keptBytes > 0
            ? $" {keptBytes:N0} bytes are kept; run the same command again to resume."
            : "";
        return new ModelDownloadException($"{file}: download failed: {cause}.{kept}", ModelRemedy.RunWithoutHub, ex);
    }

    private static CachedModel? ReadEntry(string metadataPath)
    {
        try
        {
            if (!File.Exists(metadataPath)) return null;
            var entry = JsonSerializer.Deserialize<CachedModel>(File.ReadAllText(metadataPath), Json);
            var modelPath = metadataPath[..^MetadataSuffix.Length];
            // A model file whose size disagrees with what was verified was changed or truncated since: not cached.
            if (entry is null || !File.Exists(modelPath) || new FileInfo(modelPath).Length != entry.Size) return null;
            entry = entry with { Path = modelPath };
            var written = new DateTimeOffset(File.GetLastWriteTimeUtc(modelPath));
            if (entry.VerifiedWriteTime == written) return entry;
            // Changed since it was verified (or verified by an earlier version): hash it again. A file that no longer
            // matches is not cached, so the next use downloads it again; one that matches is recorded as verified.
            using (var stream = File.OpenRead(modelPath))
            {
                if (Convert.ToHexStringLower(SHA256.HashData(stream)) != entry.Sha256) return null;
            }
            entry = entry with { VerifiedWriteTime = written };
            try
            {
                WriteEntry(entry);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A read-only cache: the file is fine, it is only hashed again next time.
            }
            return entry;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return null;
        }
    }

    private static Func<CachedModel, bool> Matcher(string selector)
    {
        var text = HubFileRef.IsHubReference(selector) ? selector[HubFileRef.Scheme.Length..] : selector;
        if (IsIdSelector(text))
        {
            // An id, or a prefix of the file's SHA-256 (what earlier versions showed as the id).
            var id = text.ToLowerInvariant();
            return m => id.Length >= 4 && (m.Id.StartsWith(id, StringComparison.Ordinal) || m.Sha256.StartsWith(id, StringComparison.Ordinal));
        }

        var at = text.LastIndexOf('@');
        var path = at >= 0 ? text[..at] : text;
        string? revision = at >= 0 ? text[(at + 1)..] : null;
        return m => string.Equals($"{m.Owner}/{m.Repo}/{m.File}", path, StringComparison.OrdinalIgnoreCase)
            && (revision is null || m.Revision == revision);
    }

    private static bool IsIdSelector(string selector) => !selector.Contains('/', StringComparison.Ordinal);

    private void PruneEmptyFolders(string folder)
    {
        var root = Path.GetFullPath(Options.ModelsDir);
        var current = Path.GetFullPath(folder);
        while (current.Length > root.Length && current.StartsWith(root, StringComparison.Ordinal)
            && Directory.Exists(current) && !Directory.EnumerateFileSystemEntries(current).Any())
        {
            Directory.Delete(current);
            current = Path.GetDirectoryName(current)!;
        }
    }
}
