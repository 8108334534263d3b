using System.Security.Cryptography;
using ReasonFlux.Grading;
using ReasonFlux.Models.Hub;

namespace ReasonFlux.Evaluation.Benchmarks;

/// <summary>Resolves <c>--benchmark NAME|PATH</c> to loaded problems: a local file, the cache, or a verified download.</summary>
public static class BenchmarkSource
{
    /// <summary>True when <paramref name="nameOrPath"/> is a built-in name or <c>gpqa-diamond</c>.</summary>
    public static bool IsKnownName(string nameOrPath) =>
        BenchmarkCatalog.Find(nameOrPath) is not null || string.Equals(nameOrPath, GpqaCsv.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Loads the benchmark, downloading a built-in one into the cache on first use.</summary>
    /// <exception cref="ArgumentException">Unknown name and no such file, or GPQA without <see cref="BenchmarkSourceOptions.DataPath"/>.</exception>
    /// <exception cref="BenchmarkFormatException">The file is malformed.</exception>
    /// <exception cref="BenchmarkDownloadException">The download failed or did not match the checksum.</exception>
    public static async Task<Benchmark> LoadAsync(string nameOrPath, BenchmarkSourceOptions? options = null, IProgress<string>? notices = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        options ??= new BenchmarkSourceOptions();
        if (string.Equals(nameOrPath, GpqaCsv.Name, StringComparison.OrdinalIgnoreCase))
        {
            return GpqaCsv.Load(options.DataPath ?? throw new ArgumentException(
                "gpqa-diamond is gated and not downloaded: pass --data PATH/gpqa_diamond.csv (the official CSV)"));
        }
        if (BenchmarkCatalog.Find(nameOrPath) is { } builtIn)
        {
            if (options.Fields is { } fields) builtIn = builtIn with { Fields = fields };
            var path = options.DataPath ?? await EnsureCachedAsync(builtIn, options, notices, cancellationToken).ConfigureAwait(false);
            return BenchmarkLoader.Load(builtIn, path);
        }
        if (File.Exists(nameOrPath))
        {
            var name = Path.GetFileNameWithoutExtension(nameOrPath);
            return nameOrPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
                ? GpqaCsv.Load(nameOrPath)
                : BenchmarkLoader.LoadJsonl(nameOrPath, name, options.Fields ?? JsonlFields.Default, AnswerKind.Auto);
        }
        throw new ArgumentException($"unknown benchmark '{nameOrPath}': expected one of {string.Join(", ", BenchmarkCatalog.Names)} or the path of a JSONL file");
    }

    /// <summary>
    /// The cached file of a built-in benchmark, downloaded when missing or corrupt. The download goes to a temporary file
    /// that is checked and then renamed into place, so the cache never holds a partial or wrong file.
    /// </summary>
    public static async Task<string> EnsureCachedAsync(BuiltInBenchmark builtIn, BenchmarkSourceOptions options, IProgress<string>? notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        ArgumentNullException.ThrowIfNull(options);
        var dir = Path.Combine(options.CacheDir ?? HubOptions.DefaultCacheDir(), "benchmarks");
        var target = Path.Combine(dir, builtIn.FileName);
        if (File.Exists(target) && BenchmarkLoader.Sha256Of(target) == builtIn.Sha256) return target;
        Directory.CreateDirectory(dir);
        var url = options.SourceUrl ?? builtIn.Source;
        notices?.Report($"downloading {builtIn.Name} from {url}");
        var temp = target + $".{Environment.ProcessId}.part";
        var http = options.Http ?? new HttpClient();
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new BenchmarkDownloadException($"{builtIn.Name}: {url} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}; download it yourself and pass {options.LocalCopyOption}");
            string actual;
            var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None);
            await using (file.ConfigureAwait(false))
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (body.ConfigureAwait(false))
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        hash.AppendData(buffer, 0, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }
                actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            if (actual != builtIn.Sha256)
                throw new BenchmarkDownloadException($"{builtIn.Name}: the file from {url} has sha256 {actual}, expected {builtIn.Sha256}; it was not cached");
            File.Move(temp, target, overwrite: true);
            return target;
        }
        catch (HttpRequestException ex)
        {
            throw new BenchmarkDownloadException($"{builtIn.Name}: cannot download {url} ({ex.Message}); pass {options.LocalCopyOption} to use a local copy", ex);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
            if (options.Http is null) http.Dispose();
        }
    }
}
