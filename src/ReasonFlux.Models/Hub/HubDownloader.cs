using System.Net;
using System.Net.Http.Headers;
using Polly;
using Polly.Retry;
using ReasonFlux.Downloads;

namespace ReasonFlux.Models.Hub;

/// <summary>
/// The HTTP side of <see cref="ModelHub"/>: asks the hub about a file (sha256, size, CDN location) and hands the
/// transfer to the <see cref="CheckedDownloader"/>. Transient failures of the question are retried by a Polly pipeline.
/// </summary>
internal sealed class HubDownloader : IDisposable
{
    // Hugging Face puts the LFS object's sha256 and size in these on the resolve response (the CDN's own ETag differs).
    private const string LinkedEtagHeader = "X-Linked-Etag";
    private const string LinkedSizeHeader = "X-Linked-Size";
    private const string RepoCommitHeader = "X-Repo-Commit";
    private const string ErrorMessageHeader = "X-Error-Message";
    private const int MaxRedirects = 10;
    // The hub stores files of at most 50 GB and always declares an LFS file's size; this only holds a server that does not.
    private const long MaxUndeclaredBytes = 50L << 30;

    private readonly HubOptions _options;
    private readonly HttpClient _http;
    private readonly ResiliencePipeline _pipeline;
    private readonly CheckedDownloader _files;

    public HubDownloader(HubOptions options)
    {
        _options = options;
        // Redirects are followed by hand: the metadata lives on the hub's redirect response, and the token must not
        // travel to the CDN host.
        _http = CheckedDownloader.CreateHttpClient();
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
        _files = new CheckedDownloader(_http, new CheckedDownloaderOptions
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            RetryDelay = options.RetryDelay,
            IdleTimeout = options.IdleTimeout,
            MaxRedirects = MaxRedirects,
            Authorize = HubToken,
        });
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
    /// Downloads the file into <paramref name="target"/> through the checked downloader: it resumes a partial left by
    /// an earlier run, stops at the hub's declared size, and moves the file into place only once it has <paramref name="sha256"/>.
    /// </summary>
    public Task<DownloadedFile> DownloadAsync(
        HubFileRef file, RemoteFile remote, string target, string sha256, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var download = new CheckedDownload(remote.DownloadUri, target, sha256)
        {
            ExpectedSize = remote.Size,
            MaxBytes = MaxUndeclaredBytes,
            Resume = true,
        };
        return _files.DownloadAsync(download, progress is null ? null : new FileProgress(file, progress), cancellationToken);
    }

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

    private HttpRequestMessage NewRequest(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("identity"));
        request.Headers.Authorization = HubToken(uri);
        return request;
    }

    // The token is for the hub only; the CDN's signed URL needs none and must not see it.
    private AuthenticationHeaderValue? HubToken(Uri uri) =>
        _options.Token is { } token && Uri.Compare(uri, _options.HubUrl, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
            ? new AuthenticationHeaderValue("Bearer", token)
            : null;

    /// <summary>Reports the downloader's byte counts as progress of this hub file, on the reporting thread.</summary>
    private sealed class FileProgress(HubFileRef file, IProgress<DownloadProgress> inner) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => inner.Report(new DownloadProgress(file, value.BytesDone, value.TotalBytes, value.BytesPerSecond, value.Eta));
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
