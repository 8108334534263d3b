using System.Security.Cryptography;

namespace ReasonFlux.Downloads.Tests;

public sealed class CheckedDownloaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-download-").FullName;
    private static readonly byte[] Content = RandomBytes(200_000);
    private static readonly string ContentSha = Convert.ToHexStringLower(SHA256.HashData(Content));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private string Target => Path.Combine(_dir, "sub", "file.bin");

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(7).NextBytes(bytes);
        return bytes;
    }

    private static CheckedDownloader Downloader(HttpClient http, int retries = 0) =>
        new(http, new CheckedDownloaderOptions { MaxRetryAttempts = retries, RetryDelay = TimeSpan.FromMilliseconds(10), IdleTimeout = TimeSpan.FromSeconds(10) });

    [Fact]
    public async Task A_flood_without_a_declared_size_stops_at_the_cap_and_leaves_nothing()
    {
        long sent = 0;
        await using var server = new RawHttpServer(async (_, _, stream, ct) =>
        {
            await stream.WriteAsync(RawHttpServer.Head(200), ct);
            var junk = new byte[1 << 16];
            for (var i = 0; i < 16_384; i++) // 1 GiB unless the client hangs up
            {
                await stream.WriteAsync(junk, ct);
                Interlocked.Add(ref sent, junk.Length);
            }
        });
        using var http = CheckedDownloader.CreateHttpClient();
        var download = new CheckedDownload(server.Url, Target, ContentSha) { MaxBytes = 1 << 20 };
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var ex = await Assert.ThrowsAsync<DownloadException>(() => Downloader(http).DownloadAsync(download, null, Ct));

        // Streamed through one buffer: the whole process allocates far less than the megabyte it took, let alone the flood.
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        TestContext.Current.TestOutputHelper?.WriteLine($"flood: {allocated:N0} bytes allocated, server sent {Interlocked.Read(ref sent):N0}");
        Assert.True(allocated < 4L << 20, $"allocated {allocated:N0} bytes");

        Assert.Equal($"{server.Url} sent more than the limit of 1,048,576 bytes for a file of unknown size; the download was stopped and deleted, nothing was saved", ex.Message);
        Assert.Empty(Directory.GetFiles(_dir, "*", SearchOption.AllDirectories));
        Assert.True(Interlocked.Read(ref sent) < 64L << 20, $"server sent {sent:N0} bytes");
    }

    [Fact]
    public async Task A_declared_length_over_the_expected_size_is_refused_before_reading()
    {
        await using var server = new RawHttpServer(async (_, _, stream, ct) =>
        {
            await stream.WriteAsync(RawHttpServer.Head(200, "Content-Length: 5000000000"), ct);
            await stream.WriteAsync(Content, ct);
        });
        using var http = CheckedDownloader.CreateHttpClient();
        var download = new CheckedDownload(server.Url, Target, ContentSha) { ExpectedSize = Content.Length };

        var ex = await Assert.ThrowsAsync<DownloadException>(() => Downloader(http).DownloadAsync(download, null, Ct));

        Assert.StartsWith($"{server.Url} declares 5,000,000,000 bytes, more than the expected 200,000 bytes", ex.Message);
        Assert.False(File.Exists(download.PartialPath));
    }

    [Fact]
    public async Task A_dropped_transfer_is_resumed_and_the_file_appears_only_when_verified()
    {
        var sawTargetEarly = false;
        await using var server = new RawHttpServer(async (n, range, stream, ct) =>
        {
            if (n == 0)
            {
                await stream.WriteAsync(RawHttpServer.Head(200, $"Content-Length: {Content.Length}"), ct);
                await stream.WriteAsync(Content.AsMemory(0, 70_000), ct);
                return; // hang up early
            }
            sawTargetEarly |= File.Exists(Target);
            var from = int.Parse(range!["bytes=".Length..].TrimEnd('-'));
            await stream.WriteAsync(RawHttpServer.Head(206, $"Content-Length: {Content.Length - from}", $"Content-Range: bytes {from}-{Content.Length - 1}/{Content.Length}"), ct);
            await stream.WriteAsync(Content.AsMemory(from), ct);
        });
        using var http = CheckedDownloader.CreateHttpClient();
        var download = new CheckedDownload(server.Url, Target, ContentSha) { ExpectedSize = Content.Length, Resume = true };

        var file = await Downloader(http, retries: 2).DownloadAsync(download, null, Ct);

        Assert.Equal(Content, await File.ReadAllBytesAsync(file.Path, Ct));
        Assert.Equal([null, "bytes=70000-"], server.Ranges);
        Assert.False(sawTargetEarly);
        Assert.False(File.Exists(download.PartialPath));
    }

    [Fact]
    public async Task A_checksum_mismatch_names_the_url_and_keeps_nothing()
    {
        var other = RandomBytes(1000).Reverse().ToArray();
        await using var server = new RawHttpServer(async (_, _, stream, ct) =>
        {
            await stream.WriteAsync(RawHttpServer.Head(200, $"Content-Length: {other.Length}"), ct);
            await stream.WriteAsync(other, ct);
        });
        using var http = CheckedDownloader.CreateHttpClient();
        var download = new CheckedDownload(server.Url, Target, ContentSha) { Resume = true };

        var ex = await Assert.ThrowsAsync<DownloadException>(() => Downloader(http).DownloadAsync(download, null, Ct));

        Assert.StartsWith($"checksum mismatch for {server.Url}: the 1,000 downloaded bytes have sha256 ", ex.Message);
        Assert.Contains($"expected {ContentSha}", ex.Message);
        Assert.Empty(Directory.GetFiles(_dir, "*", SearchOption.AllDirectories));
    }
}
