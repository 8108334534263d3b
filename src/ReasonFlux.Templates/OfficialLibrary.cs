using System.Security.Cryptography;
using ReasonFlux.Downloads;

namespace ReasonFlux.Templates;

/// <summary>Downloads the official ReasonFlux template library into the cache, checked against its SHA-256.</summary>
public static class OfficialLibrary
{
    /// <summary>The current upstream file (moved under <c>ReasonFlux_v1/</c> in 2025-05).</summary>
    public const string DefaultUrl = "https://raw.githubusercontent.com/Gen-Verse/ReasonFlux/main/ReasonFlux_v1/data/template_library.json";

    /// <summary>SHA-256 of the upstream file at <see cref="DefaultUrl"/> (1,183,153 bytes, 420 templates).</summary>
    public const string DefaultSha256 = "db7875e36973b068e3056521f5a62a987a951f42bff29edced88f8e3b0993247";

    /// <summary><c>$REASONFLUX_TEMPLATES_URL</c>, else <see cref="DefaultUrl"/>. A local path (or <c>file://</c> URL) is read from disk, so the library can be set up offline.</summary>
    public static Uri ResolveUrl(string? url)
    {
        var env = Environment.GetEnvironmentVariable("REASONFLUX_TEMPLATES_URL");
        var chosen = !string.IsNullOrWhiteSpace(url) ? url : !string.IsNullOrWhiteSpace(env) ? env : DefaultUrl;
        return Uri.TryCreate(chosen, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file"
            ? uri
            : new Uri(Path.GetFullPath(chosen));
    }

    /// <summary>Where <see cref="PullAsync"/> stores the library under a cache folder.</summary>
    public static string CachedPath(string cacheDirectory) => Path.Combine(cacheDirectory, "templates", "template_library.json");

    /// <summary>Size of the upstream file at <see cref="DefaultUrl"/>; a download of it stops here.</summary>
    public const long DefaultSize = 1_183_153;

    /// <summary>The most bytes taken for a library of another checksum, whose size is not known in advance (64 MiB).</summary>
    public const long MaxBytes = 64L << 20;

    /// <summary>
    /// Downloads <paramref name="url"/> unless a file with the expected checksum is already cached; streams it to disk
    /// (stopping at <see cref="DefaultSize"/> for the pinned file, <see cref="MaxBytes"/> for others), checks the
    /// SHA-256 and that the content is a valid library, then moves it into place atomically.
    /// </summary>
    /// <param name="url">Where to download from (see <see cref="ResolveUrl"/>).</param>
    /// <param name="expectedSha256">Hex checksum; null means <see cref="DefaultSha256"/>.</param>
    /// <param name="cacheDirectory">The cache root; the file goes to <see cref="CachedPath"/>.</param>
    /// <param name="http">The client to download with.</param>
    /// <param name="ct">Cancels the download.</param>
    public static async Task<LibraryPullResult> PullAsync(Uri url, string? expectedSha256, string cacheDirectory, HttpClient http, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(http);
        var expected = (expectedSha256 ?? DefaultSha256).Trim().ToLowerInvariant();
        var target = CachedPath(cacheDirectory);
        if (File.Exists(target) && new FileInfo(target).Length <= MaxBytes)
        {
            var sha = await Sha256OfAsync(target, ct).ConfigureAwait(false);
            if (sha == expected) return new LibraryPullResult(target, sha, new FileInfo(target).Length, Downloaded: false);
        }

        if (url.IsFile) return await CopyLocalAsync(url.LocalPath, expected, target, ct).ConfigureAwait(false);
        // Verified bytes land beside the target first, so that a checksum-correct file that is not a library never replaces it.
        var staged = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.download";
        var download = new CheckedDownload(url, staged, expected)
        {
            ExpectedSize = expected == DefaultSha256 ? DefaultSize : null,
            MaxBytes = MaxBytes,
        };
        try
        {
            var file = await new CheckedDownloader(http).DownloadAsync(download, null, ct).ConfigureAwait(false);
            _ = TemplateLibrary.Parse(await File.ReadAllBytesAsync(staged, ct).ConfigureAwait(false), url.ToString());
            File.Move(staged, target, overwrite: true);
            return new LibraryPullResult(target, file.Sha256, file.Size, Downloaded: true);
        }
        catch (DownloadException ex)
        {
            throw new LibraryDownloadException($"download of {url} failed: {ex.Message}", ex);
        }
        finally
        {
            File.Delete(staged);
        }
    }

    /// <summary>A local copy (offline set-up) gets the same checks as a download: size cap, checksum, then the schema, before it is cached.</summary>
    private static async Task<LibraryPullResult> CopyLocalAsync(string path, string expected, string target, CancellationToken ct)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such library file", path);
        var size = new FileInfo(path).Length;
        if (size > MaxBytes) throw new LibraryDownloadException($"{path} is {size:N0} bytes; a library may have at most {MaxBytes:N0}");
        var body = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        var sha = Convert.ToHexStringLower(SHA256.HashData(body));
        if (sha != expected) throw new LibraryDownloadException($"{path}: sha256 {sha} does not match the expected {expected}");
        _ = TemplateLibrary.Parse(body, path);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var staged = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.copy";
        await File.WriteAllBytesAsync(staged, body, ct).ConfigureAwait(false);
        File.Move(staged, target, overwrite: true);
        return new LibraryPullResult(target, sha, size, Downloaded: true);
    }

    private static async Task<string> Sha256OfAsync(string path, CancellationToken ct)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct).ConfigureAwait(false));
        }
    }
}
