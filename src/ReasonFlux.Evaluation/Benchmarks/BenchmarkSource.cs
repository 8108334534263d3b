using ReasonFlux.Downloads;
using ReasonFlux.Grading;
using ReasonFlux.Models.Hub;

namespace ReasonFlux.Evaluation.Benchmarks;

/// <summary>Resolves a benchmark name or path to loaded problems: a local file, the cache, or a verified download.</summary>
public static class BenchmarkSource
{
    /// <summary>True when <paramref name="nameOrPath"/> is a built-in name or <c>gpqa-diamond</c>.</summary>
    public static bool IsKnownName(string nameOrPath) =>
        BenchmarkCatalog.Find(nameOrPath) is not null || string.Equals(nameOrPath, GpqaCsv.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>The setting that names the benchmark: a built-in name or a file.</summary>
    public static Setting NameOrPath { get; } = new($"{nameof(BenchmarkSource)}.{nameof(NameOrPath)}", "benchmark");

    /// <summary>Loads the benchmark, downloading a built-in one into the cache on first use.</summary>
    /// <exception cref="SettingException">Unknown name and no such file, or GPQA without <see cref="BenchmarkSourceOptions.DataPath"/>.</exception>
    /// <exception cref="BenchmarkFormatException">The file is malformed.</exception>
    /// <exception cref="BenchmarkDownloadException">The download failed or did not match the checksum.</exception>
    public static async Task<Benchmark> LoadAsync(string nameOrPath, BenchmarkSourceOptions? options = null, IProgress<string>? notices = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        options ??= new BenchmarkSourceOptions();
        if (string.Equals(nameOrPath, GpqaCsv.Name, StringComparison.OrdinalIgnoreCase))
        {
            return GpqaCsv.Load(options.DataPath ?? throw SettingException.Missing(
                BenchmarkDownloadException.LocalCopy, "gpqa-diamond is gated and not downloaded; it is read from your copy of the official CSV (gpqa_diamond.csv)"));
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
        throw SettingException.Invalid(NameOrPath, nameOrPath, $"must be one of {string.Join(", ", BenchmarkCatalog.Names)} or the path of a JSONL file");
    }

    /// <summary>The most bytes a benchmark download may have (16 MiB; the largest built-in file, GSM8K, is 0.8 MB).</summary>
    public const long MaxDownloadBytes = 16L << 20;

    /// <summary>
    /// The cached file of a built-in benchmark, downloaded when missing or corrupt. The download streams to a partial
    /// file, stops at <see cref="MaxDownloadBytes"/>, and is renamed into place only once its checksum matched, so the
    /// cache never holds a partial or wrong file.
    /// </summary>
    public static async Task<string> EnsureCachedAsync(BuiltInBenchmark builtIn, BenchmarkSourceOptions options, IProgress<string>? notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builtIn);
        ArgumentNullException.ThrowIfNull(options);
        var dir = Path.Combine(CacheRoot.Resolve(options.CacheDir), "benchmarks");
        var target = Path.Combine(dir, builtIn.FileName);
        if (File.Exists(target) && new FileInfo(target).Length <= MaxDownloadBytes && BenchmarkLoader.Sha256Of(target) == builtIn.Sha256) return target;
        var url = options.SourceUrl ?? builtIn.Source;
        notices?.Report($"downloading {builtIn.Name} from {url}");
        var http = options.Http ?? CheckedDownloader.CreateHttpClient();
        try
        {
            var download = new CheckedDownload(url, target, builtIn.Sha256)
            {
                MaxBytes = MaxDownloadBytes,
                PartialPath = $"{target}.{Environment.ProcessId}.partial",
            };
            await new CheckedDownloader(http).DownloadAsync(download, null, cancellationToken).ConfigureAwait(false);
            return target;
        }
        catch (DownloadException ex)
        {
            throw new BenchmarkDownloadException(builtIn.Name, ex.Message, ex);
        }
        finally
        {
            if (options.Http is null) http.Dispose();
        }
    }
}
