using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace ReasonFlux.Models.Tests.Hub;

/// <summary>
/// A tiny Hugging Face look-alike on 127.0.0.1: serves <c>/OWNER/REPO/resolve/REV/FILE</c> with the checksum
/// headers the real hub sends, honours Range requests, and can drop a connection midway or answer an error
/// status on demand. One request per connection, so every request is seen and recorded.
/// </summary>
internal sealed class LoopbackHub : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, HostedFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Fault> _faults = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Task _loop;

    /// <param name="viaCdn">Answer the resolve URL with a 302 to a CDN-like URL on another host name, as huggingface.co does for LFS files.</param>
    public LoopbackHub(bool viaCdn = false)
    {
        ViaCdn = viaCdn;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptLoopAsync);
    }

    public int Port { get; }
    public bool ViaCdn { get; }
    public Uri Url => new($"http://127.0.0.1:{Port}");
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>Hosts <paramref name="content"/>; <paramref name="reportedSha256"/> overrides the checksum header ("" sends none).</summary>
    public void AddFile(string owner, string repo, string revision, string file, byte[] content, string? reportedSha256 = null, string commit = "0123456789abcdef0123456789abcdef01234567")
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        _files[$"/{owner}/{repo}/resolve/{revision}/{file}"] = new HostedFile(content, reportedSha256 ?? sha, commit, sha);
    }

    /// <summary>The next request with this method answers <paramref name="status"/> instead of the file.</summary>
    public void FailNext(string method, HttpStatusCode status) => _faults.Enqueue(new Fault(method, status, null));

    /// <summary>The next GET sends the headers of a full answer, then only <paramref name="bytes"/> bytes, then closes.</summary>
    public void DropNextGetAfter(long bytes) => _faults.Enqueue(new Fault("GET", null, bytes));

    /// <summary>The next GET sends <paramref name="bytes"/> bytes, then nothing more until the server stops.</summary>
    public void StallNextGetAfter(long bytes) => _faults.Enqueue(new Fault("GET", null, bytes, Stall: true));

    /// <summary>
    /// The next GET answers 200 without a Content-Length and streams <paramref name="bytes"/> bytes whatever the file's
    /// declared size (a hostile or broken server), until the client hangs up; <see cref="FloodSent"/> counts what went out.
    /// </summary>
    public void FloodNextGet(long bytes) => _faults.Enqueue(new Fault("GET", null, null, Flood: bytes));

    /// <summary>Bytes the last flood wrote before the client stopped reading.</summary>
    public long FloodSent => Interlocked.Read(ref _floodSent);

    private long _floodSent;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { } catch (ObjectDisposedException) { } catch (SocketException) { }
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                var request = await ReadRequestAsync(stream);
                if (request is null) return;
                _requests.Enqueue(request);
                await AnswerAsync(stream, request);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (IOException) { }
            catch (SocketException) { }
        }
    }

    private static async Task<RecordedRequest?> ReadRequestAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
        var line = await reader.ReadLineAsync();
        if (string.IsNullOrEmpty(line)) return null;
        var parts = line.Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (!string.IsNullOrEmpty(line = await reader.ReadLineAsync()))
        {
            var colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return new RecordedRequest(parts[0], Uri.UnescapeDataString(parts[1]), headers);
    }

    private async Task AnswerAsync(NetworkStream stream, RecordedRequest request)
    {
        if (_faults.TryPeek(out var fault) && fault.Method == request.Method && fault.Status is { } status && _faults.TryDequeue(out _))
        {
            await WriteHeadAsync(stream, (int)status, status.ToString(), new() { ["Content-Length"] = "0" });
            return;
        }

        var cdn = request.Path.StartsWith("/cdn/", StringComparison.Ordinal);
        var file = cdn ? _files.Values.FirstOrDefault(f => request.Path == $"/cdn/{f.ActualSha256}") : _files.GetValueOrDefault(request.Path);
        if (file is null)
        {
            await WriteHeadAsync(stream, 404, "Not Found", new() { ["Content-Length"] = "0", ["X-Error-Message"] = "Entry not found" });
            return;
        }

        var meta = new Dictionary<string, string> { ["X-Repo-Commit"] = file.Commit };
        if (file.ReportedSha256.Length > 0) meta[cdn ? "ETag" : "X-Linked-Etag"] = $"\"{file.ReportedSha256}\"";
        if (!cdn && ViaCdn)
        {
            // The real hub answers the resolve URL of an LFS file with a redirect that carries the file's metadata.
            meta["X-Linked-Size"] = file.Content.Length.ToString();
            meta["Location"] = $"http://localhost:{Port}/cdn/{file.ActualSha256}";
            meta["Content-Length"] = "0";
            await WriteHeadAsync(stream, 302, "Found", meta);
            return;
        }

        if (!cdn && file.ReportedSha256.Length > 0) meta["ETag"] = $"\"{file.ReportedSha256}\"";
        var from = 0L;
        var statusCode = 200;
        if (request.Method == "GET" && request.Headers.TryGetValue("Range", out var range) && range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            from = long.Parse(range["bytes=".Length..].TrimEnd('-'));
            if (from >= file.Content.Length)
            {
                await WriteHeadAsync(stream, 416, "Range Not Satisfiable", new() { ["Content-Length"] = "0" });
                return;
            }

            statusCode = 206;
            meta["Content-Range"] = $"bytes {from}-{file.Content.Length - 1}/{file.Content.Length}";
        }

        if (request.Method == "GET" && _faults.TryPeek(out fault) && fault.Flood is { } flood && _faults.TryDequeue(out _))
        {
            await WriteHeadAsync(stream, 200, "OK", new() { ["ETag"] = $"\"{file.ReportedSha256}\"" });
            var junk = new byte[1 << 16];
            for (long sent = 0; sent < flood && !_stop.IsCancellationRequested; sent += junk.Length)
            {
                await stream.WriteAsync(junk);
                Interlocked.Add(ref _floodSent, junk.Length);
            }
            return;
        }

        meta["Accept-Ranges"] = "bytes";
        meta["Content-Length"] = (file.Content.Length - from).ToString();
        await WriteHeadAsync(stream, statusCode, statusCode == 206 ? "Partial Content" : "OK", meta);
        if (request.Method != "GET") return;

        var count = file.Content.Length - from;
        var stall = false;
        if (_faults.TryPeek(out fault) && fault.Method == "GET" && fault.DropAfter is { } drop && _faults.TryDequeue(out _))
        {
            count = Math.Min(count, drop);
            stall = fault.Stall;
        }

        await stream.WriteAsync(file.Content.AsMemory((int)from, (int)count));
        await stream.FlushAsync();
        if (stall)
        {
            try { await Task.Delay(Timeout.Infinite, _stop.Token); } catch (OperationCanceledException) { }
        }
    }

    private static async Task WriteHeadAsync(NetworkStream stream, int status, string reason, Dictionary<string, string> headers)
    {
        var text = new StringBuilder($"HTTP/1.1 {status} {reason}\r\nConnection: close\r\n");
        foreach (var (name, value) in headers) text.Append($"{name}: {value}\r\n");
        text.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()));
    }

    private sealed record HostedFile(byte[] Content, string ReportedSha256, string Commit, string ActualSha256);

    private sealed record Fault(string Method, HttpStatusCode? Status, long? DropAfter, bool Stall = false, long? Flood = null);
}

internal sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers);
