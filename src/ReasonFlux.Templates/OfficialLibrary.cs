using System.Security.Cryptography;

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

    /// <summary>
    /// Downloads <paramref name="url"/> unless a file with the expected checksum is already cached; checks the
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
        if (File.Exists(target))
        {
            var existing = await File.ReadAllBytesAsync(target, ct).ConfigureAwait(false);
            var sha = Convert.ToHexStringLower(SHA256.HashData(existing));
            if (sha == expected) return new LibraryPullResult(target, sha, existing.Length, Downloaded: false);
        }

        byte[] body;
        if (url.IsFile)
        {
            if (!File.Exists(url.LocalPath)) throw new FileNotFoundException($"{url.LocalPath}: no such library file", url.LocalPath);
            body = await File.ReadAllBytesAsync(url.LocalPath, ct).ConfigureAwait(false);
        }
        else try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw new LibraryDownloadException($"download of {url} failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new LibraryDownloadException($"download of {url} failed: {ex.Message}", ex);
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(body));
        if (actual != expected) throw new LibraryDownloadException($"download of {url} has sha256 {actual}, expected {expected}; nothing was saved");
        _ = TemplateLibrary.Parse(body, url.ToString());

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var temp = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.part";
        await File.WriteAllBytesAsync(temp, body, ct).ConfigureAwait(false);
        File.Move(temp, target, overwrite: true);
        return new LibraryPullResult(target, actual, body.Length, Downloaded: true);
    }
}
