using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Polly;
using Polly.Retry;

namespace ReasonFlux.Models.Hub;

/// <summary>
/// The HTTP side of <see cref="ModelHub"/>: asks the hub about a file and streams it into a partial file,
/// resuming with a Range request after a dropped connection. Transient failures are retried by a Polly pipeline.
/// </summary>
internal sealed class HubDownloader : IDisposable
{
    // Hugging Face puts the LFS object's sha256 and size in these on the resolve response (the CDN's own ETag differs).
    private const string LinkedEtagHeader = "X-Linked-Etag";
    private const string LinkedSizeHeader = "X-Linked-Size";
    private const string RepoCommitHeader = "X-Repo-Commit";
    private const string ErrorMessageHeader = "X-Error-Message";
    private const int MaxRedirects = 10;
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    private readonly HubOptions _options;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;

    public HubDownloader(HubOptions options)
    {
        _options = options;
        // Redirects are followed by hand: the metadata lives on the hub's redirect response, and the token must not
        // travel to the CDN host. Compression stays off so sizes and ranges refer to the stored bytes.
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(20),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("reasonflux", typeof(HubDownloader).Assembly.GetName().Version?.ToString(3) ?? "0"));
        _pipeline = options.MaxRetryAttempts <= 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>(IsTransient).Handle<TimeoutException>(),
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            }).Build();
    }

    public Uri ResolveUri(HubFileRef file)
    {
        var path = string.Join('/', file.File.Split('/').Select(Uri.EscapeDataString));
        var baseText = _options.HubUrl.AbsoluteUri.TrimEnd('/');
        return new Uri($"{baseText}/{Uri.EscapeDataString(file.Owner)}/{Uri.EscapeDataString(file.Repo)}/resolve/{Uri.EscapeDataString(file.Revision)}/{path}");
    }

    /// <summary>HEAD on the resolve URL: checksum, size, commit and where to download from.</summary>
    public async Task<RemoteFile> ResolveAsync(HubFileRef file, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(async ct => await HeadAsync(file, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Brings <paramref name="partialPath"/> to the full file, appending to what is there, and returns the SHA-256
    /// (lower-case hex) of the whole file. The partial stays on disk when this throws, so a later call resumes.
    /// </summary>
    public async Task<string> DownloadAsync(
        HubFileRef file, RemoteFile remote, string partialPath, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(
            async ct => await DownloadAttemptAsync(file, remote, partialPath, progress, ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);

    public void Dispose() => _http.Dispose();

    private async Task<RemoteFile> HeadAsync(HubFileRef file, CancellationToken cancellationToken)
    {
        var uri = ResolveUri(file);
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            using var request = NewRequest(HttpMethod.Head, uri);
            using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
            var linkedEtag = Header(response, LinkedEtagHeader);
            var commit = Header(response, RepoCommitHeader);
            var location = response.Headers.Location;
            if (IsRedirect(response.StatusCode) && location is not null)
            {
                var next = new Uri(uri, location);
                // A redirect that carries the file's metadata points at the CDN: that is the download location.
                // One without it is the hub moving us (a renamed repository): follow it and ask again.
                if (linkedEtag is not null || commit is not null)
                    return new RemoteFile(next, Sha256Of(linkedEtag ?? Header(response, "ETag")), Long(Header(response, LinkedSizeHeader)), commit);
                uri = next;
                continue;
            }

            if (!response.IsSuccessStatusCode) throw Failure(file, response);
            var size = Long(Header(response, LinkedSizeHeader)) ?? response.Content.Headers.ContentLength;
            return new RemoteFile(uri, Sha256Of(linkedEtag ?? Header(response, "ETag")), size, commit);
        }

        throw new ModelDownloadException($"{file}: more than {MaxRedirects} redirects from {_options.HubUrl}");
    }

    private async Task<string> DownloadAttemptAsync(
        HubFileRef file, RemoteFile remote, string partialPath, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var existing = File.Exists(partialPath) ? new FileInfo(partialPath).Length : 0;
        if (remote.Size is long expectedSize && existing > expectedSize)
        {
            File.Delete(partialPath);
            existing = 0;
        }

        if (existing > 0) await HashFileAsync(partialPath, hash, cancellationToken).ConfigureAwait(false);
        if (existing > 0 && existing == remote.Size) return Convert.ToHexStringLower(hash.GetHashAndReset());

        using var response = await GetAsync(remote.DownloadUri, existing, cancellationToken).ConfigureAwait(false);
        var append = existing > 0 && response.StatusCode == HttpStatusCode.PartialContent
            && response.Content.Headers.ContentRange?.From == existing;
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // The partial does not fit the file the server has: start over on the next attempt.
            File.Delete(partialPath);
            throw new HttpRequestException(HttpRequestError.InvalidResponse, $"{file}: server refused to resume at byte {existing}; restarting", null, response.StatusCode);
        }

        if (!response.IsSuccessStatusCode) throw Failure(file, response);
        if (!append && existing > 0)
        {
            // The server ignored the Range header and sent the whole file.
            hash.GetHashAndReset();
            existing = 0;
        }

        var total = remote.Size ?? (response.Content.Headers.ContentLength is long length ? existing + length : null);
        var done = existing;
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.MinValue;
        void Report(bool force)
        {
            if (progress is null || (!force && clock.Elapsed - lastReport < ProgressInterval)) return;
            lastReport = clock.Elapsed;
            var speed = clock.Elapsed.TotalSeconds > 0 ? (done - existing) / clock.Elapsed.TotalSeconds : 0;
            TimeSpan? eta = total is long t && speed > 0 ? TimeSpan.FromSeconds(Math.Max(0, t - done) / speed) : null;
            progress.Report(new DownloadProgress(file, done, total, speed, eta));
        }

        Report(force: true);
        var output = new FileStream(partialPath, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await using (output.ConfigureAwait(false))
        {
            var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await ReadWithIdleTimeoutAsync(file, source, buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    hash.AppendData(buffer, 0, read);
                    done += read;
                    Report(force: false);
                }
            }
        }

        Report(force: true);
        if (total is long whole && done != whole)
            throw new HttpRequestException(HttpRequestError.ResponseEnded, $"{file}: transfer ended at byte {done} of {whole}");
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private async Task<HttpResponseMessage> GetAsync(Uri uri, long from, CancellationToken cancellationToken)
    {
        for (var hop = 0; hop <= MaxRedirects; hop++)
        {
            using var request = NewRequest(HttpMethod.Get, uri);
            if (from > 0) request.Headers.Range = new RangeHeaderValue(from, null);
            var response = await SendAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location) return response;
            uri = new Uri(uri, location);
            response.Dispose();
        }

        throw new HttpRequestException(HttpRequestError.InvalidResponse, $"more than {MaxRedirects} redirects from {uri}");
    }

    private HttpRequestMessage NewRequest(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
        // The token is for the hub only; the CDN's signed URL needs none and must not see it.
        if (_options.Token is { } token && Uri.Compare(uri, _options.HubUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.IdleTimeout);
        try
        {
            return await _http.SendAsync(request, completion, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no answer from {request.RequestUri?.GetLeftPart(UriPartial.Authority)} within {_options.IdleTimeout.TotalSeconds:0} s");
        }
    }

    private async Task<int> ReadWithIdleTimeoutAsync(HubFileRef file, Stream source, byte[] buffer, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(_options.IdleTimeout);
        try
        {
            return await source.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{file}: no data for {_options.IdleTimeout.TotalSeconds:0} s");
        }
        catch (IOException ex)
        {
            // Only failures of the network stream are worth a resume; disk errors on the output are not caught here.
            throw new HttpRequestException(HttpRequestError.ResponseEnded, $"{file}: connection lost ({ex.Message})", ex);
        }
    }

    private static async Task HashFileAsync(string path, IncrementalHash hash, CancellationToken cancellationToken)
    {
        var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        await using (input.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0) hash.AppendData(buffer, 0, read);
        }
    }

    private Exception Failure(HubFileRef file, HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        var detail = Header(response, ErrorMessageHeader);
        var status = $"{code} {response.ReasonPhrase}".TrimEnd();
        if (IsTransient(response.StatusCode))
            return new HttpRequestException(HttpRequestError.Unknown, $"{file}: {_options.HubUrl.Host} answered {status}", null, response.StatusCode);
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ModelDownloadException(
                $"{file}: {_options.HubUrl.Host} refused access ({status}); the repository may be gated or private: accept its terms on the hub and set {HubOptions.TokenVariable}"),
            HttpStatusCode.NotFound => new ModelDownloadException(
                $"{file}: not found on {_options.HubUrl.Host} ({detail ?? "check the owner, repository, file name and revision"})"),
            _ => new ModelDownloadException($"{file}: {_options.HubUrl.Host} answered {status}{(detail is null ? "" : $" ({detail})")}"),
        };
    }

    // A failed DNS lookup means offline (or a mistyped --hub-url): say so at once instead of after the retries.
    private static bool IsTransient(HttpRequestException ex) =>
        ex.StatusCode is { } status ? IsTransient(status) : ex.HttpRequestError != HttpRequestError.NameResolutionError;

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400 and not 304;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static long? Long(string? text) => long.TryParse(text, out var value) && value >= 0 ? value : null;

    /// <summary>An LFS ETag is the object's sha256 (64 hex digits, maybe quoted or weak); a git blob's is a 40-digit sha1.</summary>
    internal static string? Sha256Of(string? etag)
    {
        if (etag is null) return null;
        var value = etag.Trim();
        if (value.StartsWith("W/", StringComparison.Ordinal)) value = value[2..];
        value = value.Trim('"');
        return value.Length == 64 && value.All(char.IsAsciiHexDigit) ? value.ToLowerInvariant() : null;
    }
}
