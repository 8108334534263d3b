using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Polly;
using Polly.Retry;

namespace ReasonFlux.Downloads;

/// <summary>
/// The one way ReasonFlux downloads a file (models, the template library, benchmarks): it streams to a partial file
/// beside the target, never takes more bytes than the expected size (or the cap when no size is known), checks the
/// SHA-256, and renames into place only after the check. Transient failures are retried, resuming with a Range request.
/// Servers are untrusted: a declared size is only believed when it is within the limit, and the limit holds whatever they send.
/// </summary>
public sealed class CheckedDownloader
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);
    private const int BufferSize = 1 << 16;

    private readonly HttpClient _http;
    private readonly CheckedDownloaderOptions _options;
    private readonly ResiliencePipeline _pipeline;

    /// <summary>Downloads with <paramref name="http"/> (see <see cref="CreateHttpClient"/>), which the caller owns.</summary>
    public CheckedDownloader(HttpClient http, CheckedDownloaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
        _options = options ?? new CheckedDownloaderOptions();
        _pipeline = _options.MaxRetryAttempts <= 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(IsTransient).Handle<TimeoutException>(),
                MaxRetryAttempts = _options.MaxRetryAttempts,
                Delay = _options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            }).Build();
    }

    /// <summary>
    /// An HTTP client fit for downloads: redirects left to the downloader (so a token never follows one to another host)
    /// and no transparent decompression (sizes and ranges refer to the stored bytes).
    /// </summary>
    public static HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(20),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("reasonflux", typeof(CheckedDownloader).Assembly.GetName().Version?.ToString(3) ?? "0"));
        return http;
    }

    /// <summary>Downloads, verifies and moves the file into <see cref="CheckedDownload.TargetPath"/>; returns its checksum and size.</summary>
    /// <exception cref="DownloadException">The server refused, kept failing, sent too many bytes, or the checksum did not match.</exception>
    public async Task<DownloadedFile> DownloadAsync(CheckedDownload download, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(download);
        var folder = Path.GetDirectoryName(Path.GetFullPath(download.TargetPath))!;
        Directory.CreateDirectory(folder);
        long size;
        try
        {
            size = await _pipeline.ExecuteAsync(async ct => await AttemptAsync(download, progress, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            var kept = download.Resume && File.Exists(download.PartialPath) ? new FileInfo(download.PartialPath).Length : 0;
            if (kept == 0) TryDelete(download.PartialPath);
            var cause = ex is HttpRequestException { StatusCode: { } status } ? $"the server kept answering {(int)status} {status}" : ex.Message;
            throw new DownloadException(download.Source, $"cannot download {download.Source}: {cause}", ex, transient: true, keptBytes: kept);
        }
        catch (DownloadException)
        {
            TryDelete(download.PartialPath);
            throw;
        }
        catch (OperationCanceledException)
        {
            if (!download.Resume) TryDelete(download.PartialPath);
            throw;
        }

        File.Move(download.PartialPath, download.TargetPath, overwrite: true);
        return new DownloadedFile(download.TargetPath, download.Sha256, size);
    }

    private async Task<long> AttemptAsync(CheckedDownload download, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var partial = download.PartialPath;
        var limit = download.Limit;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var existing = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (existing > limit || (existing > 0 && !download.Resume))
        {
            File.Delete(partial);
            existing = 0;
        }
        if (existing > 0) await HashFileAsync(partial, hash, cancellationToken).ConfigureAwait(false);
        if (existing > 0 && existing == download.ExpectedSize) return Verify(download, hash, existing);

        using var response = await GetAsync(download.Source, existing, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // The partial does not fit the file the server has: start over on the next attempt.
            File.Delete(partial);
            throw new HttpRequestException(HttpRequestError.InvalidResponse, $"{download.Source} refused to resume at byte {existing}; restarting", null, response.StatusCode);
        }
        if (!response.IsSuccessStatusCode)
        {
            if (IsTransient(response.StatusCode))
                throw new HttpRequestException(HttpRequestError.Unknown, $"{download.Source} answered {Status(response)}", null, response.StatusCode);
            throw new DownloadException(download.Source, $"{download.Source} answered {Status(response)}");
        }
        var append = existing > 0 && response.StatusCode == HttpStatusCode.PartialContent && response.Content.Headers.ContentRange?.From == existing;
        if (!append && existing > 0)
        {
            // The server ignored the Range header and sends the whole file.
            hash.GetHashAndReset();
            existing = 0;
        }
        if (response.Content.Headers.ContentLength is long declared && existing + declared > limit)
            throw TooLarge(download, $"declares {existing + declared:N0} bytes, more");

        var total = download.ExpectedSize ?? (response.Content.Headers.ContentLength is long length ? existing + length : null);
        var done = existing;
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.MinValue;
        void Report(bool force)
        {
            if (progress is null || (!force && clock.Elapsed - lastReport < ProgressInterval)) return;
            lastReport = clock.Elapsed;
            var speed = clock.Elapsed.TotalSeconds > 0 ? (done - existing) / clock.Elapsed.TotalSeconds : 0;
            TimeSpan? eta = total is long t && speed > 0 ? TimeSpan.FromSeconds(Math.Max(0, t - done) / speed) : null;
            progress.Report(new TransferProgress(done, total, speed, eta));
        }

        Report(force: true);
        var output = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, useAsync: true);
        await using (output.ConfigureAwait(false))
        {
            var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await ReadWithIdleTimeoutAsync(download.Source, source, buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    // Never write past the limit: the first byte beyond it ends the transfer.
                    if (done + read > limit) throw TooLarge(download, "sent more");
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    hash.AppendData(buffer, 0, read);
                    done += read;
                    Report(force: false);
                }
            }
        }

        Report(force: true);
        // A response with a Content-Length, or chunked, that ends early fails while reading; one that ends with the
        // connection ends silently, so a short one of those was cut off and is resumed. A short but complete answer is
        // simply the wrong file: the checksum says so.
        var framed = response.Content.Headers.ContentLength is not null || response.Headers.TransferEncodingChunked == true;
        if (total is long whole && done < whole && !framed)
            throw new HttpRequestException(HttpRequestError.ResponseEnded, $"the transfer from {download.Source} ended at byte {done:N0} of {whole:N0}");
        return Verify(download, hash, done);
    }

    private static long Verify(CheckedDownload download, IncrementalHash hash, long size)
    {
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (actual != download.Sha256)
        {
            throw new DownloadException(download.Source,
                $"checksum mismatch for {download.Source}: the {size:N0} downloaded bytes have sha256 {actual}, expected {download.Sha256}; the download was deleted, nothing was saved");
        }
        return size;
    }

    private static DownloadException TooLarge(CheckedDownload download, string what)
    {
        var limit = download.ExpectedSize is { } expected ? $"the expected {expected:N0} bytes" : $"the limit of {download.MaxBytes:N0} bytes for a file of unknown size";
        return new DownloadException(download.Source, $"{download.Source} {what} than {limit}; the download was stopped and deleted, nothing was saved");
    }

    private async Task<HttpResponseMessage> GetAsync(Uri uri, long from, CancellationToken cancellationToken)
    {
        for (var hop = 0; hop <= _options.MaxRedirects; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
            if (from > 0) request.Headers.Range = new RangeHeaderValue(from, null);
            if (_options.Authorize?.Invoke(uri) is { } authorization) request.Headers.Authorization = authorization;
            var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode is < 300 or >= 400 or 304 || response.Headers.Location is not { } location) return response;
            uri = new Uri(uri, location);
            response.Dispose();
        }
        throw new HttpRequestException(HttpRequestError.InvalidResponse, $"more than {_options.MaxRedirects} redirects from {uri}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.IdleTimeout);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer from {request.RequestUri?.GetLeftPart(UriPartial.Authority)} within {_options.IdleTimeout.TotalSeconds:0} s");
        }
    }

    private async Task<int> ReadWithIdleTimeoutAsync(Uri source, Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_options.IdleTimeout);
        try
        {
            return await stream.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no data from {source} for {_options.IdleTimeout.TotalSeconds:0} s");
        }
        catch (IOException ex)
        {
            // Only failures of the network stream are worth a resume; disk errors on the output are not caught here.
            throw new HttpRequestException(HttpRequestError.ResponseEnded, $"the connection to {source.GetLeftPart(UriPartial.Authority)} was lost ({ex.Message})", ex);
        }
    }

    private static async Task HashFileAsync(string path, IncrementalHash hash, CancellationToken cancellationToken)
    {
        var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, useAsync: true);
        await using (input.ConfigureAwait(false))
        {
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0) hash.AppendData(buffer, 0, read);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Another process holds it (a concurrent download of the same file); it cleans up after itself.
        }
    }

    private static string Status(HttpResponseMessage response) => $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();

    // A failed DNS lookup means offline or a mistyped URL: say so at once instead of after the retries.
    internal static bool IsTransient(HttpRequestException ex) =>
        ex.StatusCode is { } status ? IsTransient(status) : ex.HttpRequestError != HttpRequestError.NameResolutionError;

    internal static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
