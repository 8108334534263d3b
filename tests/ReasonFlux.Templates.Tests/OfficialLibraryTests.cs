namespace ReasonFlux.Templates.Tests;

public sealed class OfficialLibraryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pull_downloads_checks_sha256_and_caches()
    {
        var bytes = File.ReadAllBytes(SharedData.UpstreamHeadLibrary);
        using var server = new LoopbackServer((_, _) => (200, bytes));
        using var dir = new TempDir();
        using var http = new HttpClient();
        var url = new Uri(server.BaseUrl + "template_library.json");

        var first = await OfficialLibrary.PullAsync(url, null, dir.Path, http, Ct);
        Assert.True(first.Downloaded);
        Assert.Equal(OfficialLibrary.DefaultSha256, first.Sha256);
        Assert.Equal(bytes, File.ReadAllBytes(first.Path));

        var second = await OfficialLibrary.PullAsync(url, null, dir.Path, http, Ct);
        Assert.False(second.Downloaded);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pull_from_a_local_path_or_file_url_works_offline(bool asFileUrl)
    {
        using var dir = new TempDir();
        using var http = new HttpClient();
        var source = asFileUrl ? new Uri(SharedData.UpstreamHeadLibrary).AbsoluteUri : Path.GetRelativePath(Environment.CurrentDirectory, SharedData.UpstreamHeadLibrary);
        var url = OfficialLibrary.ResolveUrl(source);
        Assert.True(url.IsFile);
        var result = await OfficialLibrary.PullAsync(url, null, dir.Path, http, Ct);
        Assert.Equal(OfficialLibrary.DefaultSha256, result.Sha256);
        Assert.Equal(420, TemplateLibrary.Load(result.Path).Templates.Count);
    }

    [Fact]
    public void An_http_url_stays_a_download()
    {
        Assert.False(OfficialLibrary.ResolveUrl("https://example.org/library.json").IsFile);
    }

    [Fact]
    public async Task Pull_with_a_wrong_checksum_saves_nothing()
    {
        using var server = new LoopbackServer((_, _) => (200, "{\"tampered\": {}}"u8.ToArray()));
        using var dir = new TempDir();
        using var http = new HttpClient();
        var ex = await Assert.ThrowsAsync<LibraryDownloadException>(() => OfficialLibrary.PullAsync(new Uri(server.BaseUrl + "x.json"), null, dir.Path, http, Ct));
        Assert.Contains("expected " + OfficialLibrary.DefaultSha256, ex.Message);
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Pull_stops_at_the_pinned_size_when_the_server_sends_more()
    {
        var bytes = new byte[3_000_000];
        using var server = new LoopbackServer((_, _) => (200, bytes));
        using var dir = new TempDir();
        using var http = new HttpClient();
        var url = new Uri(server.BaseUrl + "template_library.json");

        var ex = await Assert.ThrowsAsync<LibraryDownloadException>(() => OfficialLibrary.PullAsync(url, null, dir.Path, http, Ct));

        // The loopback server sends it chunked (no Content-Length): the transfer stops at the limit.
        Assert.Contains($"{url} sent more than the expected 1,183,153 bytes", ex.Message);
        Assert.Empty(Directory.GetFiles(dir.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Pull_reports_http_errors()
    {
        using var server = new LoopbackServer((_, _) => (404, "{}"u8.ToArray()));
        using var dir = new TempDir();
        using var http = new HttpClient();
        var ex = await Assert.ThrowsAsync<LibraryDownloadException>(() => OfficialLibrary.PullAsync(new Uri(server.BaseUrl + "x.json"), null, dir.Path, http, Ct));
        Assert.Contains("HTTP 404", ex.Message);
    }
}
