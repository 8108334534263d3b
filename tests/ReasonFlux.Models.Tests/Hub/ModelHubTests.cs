using System.Net;
using System.Security.Cryptography;
using ReasonFlux.Models.Hub;

namespace ReasonFlux.Models.Tests.Hub;

public sealed class ModelHubTests : IDisposable
{
    private const string Owner = "acme";
    private const string Repo = "tiny-GGUF";
    private const string FileName = "tiny-q4_k_m.gguf";
    private readonly TempCache _cache = new();

    public void Dispose() => _cache.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private ModelHub NewHub(Uri url, int retries = 2, string? token = null) => new(new HubOptions
    {
        CacheDir = _cache.Dir,
        HubUrl = url,
        Token = token,
        MaxRetryAttempts = retries,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        IdleTimeout = TimeSpan.FromSeconds(10),
    });

    private static HubFileRef Ref(string revision = "main") => new(Owner, Repo, FileName, revision);

    [Fact]
    public async Task Downloads_file_and_verifies_it_against_the_hub_checksum()
    {
        var content = Bytes(300_000, 1);
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, content, commit: "feedfacefeedfacefeedfacefeedfacefeedface");
        using var hub = NewHub(server.Url);

        var path = await hub.EnsureAsync(Ref(), null, Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(path, Ct));
        var entry = Assert.Single(hub.List());
        Assert.Equal((Sha(content), content.Length, "main", "feedfacefeedfacefeedfacefeedfacefeedface", path),
            (entry.Sha256, entry.Size, entry.Revision, entry.Commit, entry.Path));
    }

    [Fact]
    public async Task Download_path_is_under_the_cache_by_owner_repo_and_revision()
    {
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "v1.0", "sub/dir/model.gguf", Bytes(1000, 2));
        using var hub = NewHub(server.Url);

        var path = await hub.EnsureAsync(new HubFileRef(Owner, Repo, "sub/dir/model.gguf", "v1.0"), null, Ct);

        Assert.Equal(Path.Combine(_cache.Dir, "models", Owner, Repo, "v1.0", "sub", "dir", "model.gguf"), path);
    }

    [Fact]
    public async Task Dropped_connection_is_resumed_with_a_range_request_in_the_same_call()
    {
        var content = Bytes(400_000, 3);
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, content);
        server.DropNextGetAfter(150_000);
        using var hub = NewHub(server.Url);

        var path = await hub.EnsureAsync(Ref(), null, Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(path, Ct));
        var gets = server.Requests.Where(r => r.Method == "GET").ToList();
        Assert.Equal([null, "bytes=150000-"], gets.Select(r => r.Headers.GetValueOrDefault("Range")));
    }

    [Fact]
    public async Task Interrupted_download_keeps_a_partial_that_the_next_call_resumes_from()
    {
        var content = Bytes(500_000, 4);
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, content);
        server.DropNextGetAfter(123_456);
        using (var failing = NewHub(server.Url, retries: 0))
        {
            var error = await Assert.ThrowsAsync<ModelDownloadException>(() => failing.EnsureAsync(Ref(), null, Ct));
            Assert.Contains("run the same command again to resume", error.Message);
        }

        var partial = Assert.Single(_cache.Files());
        Assert.EndsWith($"{FileName}.{Sha(content)}.partial", partial);
        Assert.Equal(123_456, new FileInfo(Path.Combine(_cache.Dir, partial)).Length);

        using var hub = NewHub(server.Url, retries: 0);
        var path = await hub.EnsureAsync(Ref(), null, Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(path, Ct));
        Assert.Equal("bytes=123456-", server.Requests.Last(r => r.Method == "GET").Headers["Range"]);
    }

    [Fact]
    public async Task Stalled_transfer_counts_as_dropped_and_is_resumed()
    {
        var content = Bytes(200_000, 24);
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, content);
        server.StallNextGetAfter(70_000);
        using var hub = new ModelHub(new HubOptions
        {
            CacheDir = _cache.Dir, HubUrl = server.Url, RetryDelay = TimeSpan.FromMilliseconds(10), IdleTimeout = TimeSpan.FromMilliseconds(300),
        });

        var path = await hub.EnsureAsync(Ref(), null, Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(path, Ct));
        Assert.Equal("bytes=70000-", server.Requests.Last(r => r.Method == "GET").Headers["Range"]);
    }

    [Fact]
    public async Task A_server_sending_more_than_the_declared_size_is_stopped_at_that_size()
    {
        var content = Bytes(1_000, 11);
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, content);
        server.FloodNextGet(1L << 30);
        using var hub = NewHub(server.Url, retries: 0);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => hub.EnsureAsync(Ref(), null, Ct));

        Assert.Contains("more than the expected 1,000 bytes", error.Message);
        Assert.Contains($"http://127.0.0.1:{server.Port}/", error.Message);
        Assert.Empty(_cache.Files());
        // The client hung up at the limit: what the server managed to push is socket buffers, not the gigabyte.
        Assert.True(server.FloodSent < 64L << 20, $"server sent {server.FloodSent:N0} bytes");
    }

    [Fact]
    public async Task Checksum_mismatch_is_an_error_and_leaves_no_file_in_the_cache()
    {
        var content = Bytes(200_000, 5);
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, content, reportedSha256: Sha(Bytes(10, 6)));
        using var hub = NewHub(server.Url);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => hub.EnsureAsync(Ref(), null, Ct));

        Assert.Contains("checksum mismatch", error.Message);
        Assert.Empty(_cache.Files());
        Assert.Empty(hub.List());
    }

    [Fact]
    public async Task Pinned_checksum_is_checked_even_when_the_hub_sends_none()
    {
        var content = Bytes(50_000, 7);
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, content, reportedSha256: "");
        using var hub = NewHub(server.Url);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => hub.EnsureAsync(Ref() with { Sha256 = Sha(Bytes(10, 8)) }, null, Ct));

        Assert.Contains("checksum mismatch", error.Message);
        Assert.Empty(_cache.Files());
    }

    [Fact]
    public async Task Pinned_checksum_that_disagrees_with_the_hub_is_refused_before_downloading()
    {
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, Bytes(50_000, 9));
        using var hub = NewHub(server.Url);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => hub.EnsureAsync(Ref() with { Sha256 = Sha(Bytes(10, 10)) }, null, Ct));

        Assert.Contains("is pinned", error.Message);
        Assert.DoesNotContain(server.Requests, r => r.Method == "GET");
    }

    [Fact]
    public async Task File_without_any_checksum_is_refused()
    {
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, Bytes(1000, 11), reportedSha256: "");
        using var hub = NewHub(server.Url);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => hub.EnsureAsync(Ref(), null, Ct));

        Assert.Contains("cannot be verified", error.Message);
    }

    [Fact]
    public async Task Cached_file_is_returned_without_contacting_the_hub()
    {
        var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, Bytes(10_000, 12));
        string first;
        using (var online = NewHub(server.Url)) first = await online.EnsureAsync(Ref(), null, Ct);
        var seen = server.Requests.Count;
        await server.DisposeAsync();

        using var offline = NewHub(server.Url, retries: 0);
        var second = await offline.EnsureAsync(Ref(), null, Ct);

        Assert.Equal((first, seen), (second, server.Requests.Count));
    }

    [Fact]
    public async Task A_cached_file_corrupted_at_the_same_size_is_detected_and_downloaded_again()
    {
        var content = Bytes(50_000, 31);
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, content);
        using var hub = NewHub(server.Url);
        var path = await hub.EnsureAsync(Ref(), null, Ct);
        var corrupted = (byte[])content.Clone();
        corrupted[25_000] ^= 0xFF;
        await File.WriteAllBytesAsync(path, corrupted, Ct);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        Assert.Null(hub.Find(Ref()));
        var again = await hub.EnsureAsync(Ref(), null, Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(again, Ct));
        Assert.Equal(2, server.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task A_cached_file_only_touched_is_hashed_once_and_still_used()
    {
        var content = Bytes(50_000, 32);
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, content);
        using var hub = NewHub(server.Url);
        var path = await hub.EnsureAsync(Ref(), null, Ct);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));

        Assert.Equal(path, hub.Find(Ref())?.Path);
        Assert.Equal(path, await hub.EnsureAsync(Ref(), null, Ct));
        Assert.Equal(1, server.Requests.Count(r => r.Method == "GET"));
    }

    [Fact]
    public async Task Truncated_cached_file_is_downloaded_again()
    {
        var content = Bytes(20_000, 13);
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, content);
        using var hub = NewHub(server.Url);
        var path = await hub.EnsureAsync(Ref(), null, Ct);
        await File.WriteAllBytesAsync(path, content[..100], Ct);

        await hub.EnsureAsync(Ref(), null, Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(path, Ct));
    }

    [Fact]
    public async Task Unreachable_hub_error_says_how_to_run_without_it()
    {
        int port;
        await using (var closed = new LoopbackHub()) port = closed.Port;
        using var hub = NewHub(new Uri($"http://127.0.0.1:{port}"), retries: 1);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => hub.EnsureAsync(Ref(), null, Ct));

        Assert.Equal(ModelRemedy.RunWithoutHub, error.Remedy);
        Assert.EndsWith("To run without the hub, use a local GGUF file or an OpenAI-compatible server.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transient_server_error_is_retried()
    {
        var content = Bytes(5_000, 14);
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, content);
        server.FailNext("HEAD", HttpStatusCode.ServiceUnavailable);
        server.FailNext("HEAD", HttpStatusCode.TooManyRequests);
        using var hub = NewHub(server.Url, retries: 3);

        var path = await hub.EnsureAsync(Ref(), null, Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(path, Ct));
        Assert.Equal(3, server.Requests.Count(r => r.Method == "HEAD"));
    }

    [Fact]
    public async Task Missing_file_is_a_clear_error_and_not_retried()
    {
        await using var server = new LoopbackHub();
        using var hub = NewHub(server.Url, retries: 3);

        var error = await Assert.ThrowsAsync<ModelDownloadException>(() => hub.EnsureAsync(Ref(), null, Ct));

        Assert.Contains("not found", error.Message);
        Assert.Contains(Ref().ToString(), error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Follows_the_cdn_redirect_and_sends_the_token_to_the_hub_only()
    {
        var content = Bytes(80_000, 15);
        await using var server = new LoopbackHub(viaCdn: true);
        server.AddFile(Owner, Repo, "main", FileName, content);
        using var hub = NewHub(server.Url, token: "hf_secret");

        var path = await hub.EnsureAsync(Ref(), null, Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(path, Ct));
        var head = Assert.Single(server.Requests, r => r.Method == "HEAD");
        var get = Assert.Single(server.Requests, r => r.Method == "GET");
        Assert.Equal(("Bearer hf_secret", $"/cdn/{Sha(content)}", false),
            (head.Headers["Authorization"], get.Path, get.Headers.ContainsKey("Authorization")));
    }

    [Fact]
    public async Task Progress_reports_reach_the_full_size()
    {
        var content = Bytes(300_000, 16);
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, content);
        using var hub = NewHub(server.Url);
        var reports = new List<DownloadProgress>();

        await hub.EnsureAsync(Ref(), new Collect(reports), Ct);

        Assert.Equal((content.Length, (long?)content.Length, (double?)1.0),
            (reports[^1].BytesDone, reports[^1].TotalBytes, reports[^1].Fraction));
    }

    [Fact]
    public async Task Pull_downloads_again_when_the_branch_moved_and_not_when_it_did_not()
    {
        var v1 = Bytes(10_000, 17);
        var v2 = Bytes(12_000, 18);
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, v1);
        using var hub = NewHub(server.Url);
        await hub.PullAsync(Ref(), null, Ct);
        await hub.PullAsync(Ref(), null, Ct);
        var getsBefore = server.Requests.Count(r => r.Method == "GET");

        server.AddFile(Owner, Repo, "main", FileName, v2);
        var pulled = await hub.PullAsync(Ref(), null, Ct);

        Assert.Equal(1, getsBefore);
        Assert.Equal(v2, await File.ReadAllBytesAsync(pulled.Path, Ct));
    }

    [Fact]
    public async Task Remove_by_reference_or_id_deletes_the_files_and_empty_folders()
    {
        var a = Bytes(1_000, 19);
        var b = Bytes(2_000, 20);
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, a);
        server.AddFile(Owner, "other-GGUF", "v2", "b.gguf", b);
        using var hub = NewHub(server.Url);
        await hub.EnsureAsync(Ref(), null, Ct);
        await hub.EnsureAsync(new HubFileRef(Owner, "other-GGUF", "b.gguf", "v2"), null, Ct);

        var byRef = hub.Remove($"{Owner}/{Repo}/{FileName}");
        var byId = hub.Remove(Sha(b)[..12]);

        Assert.Equal((Sha(a), Sha(b)), (Assert.Single(byRef).Sha256, Assert.Single(byId).Sha256));
        Assert.Empty(hub.List());
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_cache.Dir, "models")));
    }

    [Fact]
    public async Task Ids_are_unique_per_revision_and_an_id_matching_several_models_removes_nothing()
    {
        var same = Bytes(1_000, 23);
        await using var server = new LoopbackHub();
        string[] revisions = ["main", "v1", "v2"];
        foreach (var revision in revisions) server.AddFile(Owner, Repo, revision, FileName, same);
        using var hub = NewHub(server.Url);
        foreach (var revision in revisions) await hub.EnsureAsync(Ref(revision), null, Ct);
        var listed = hub.List();

        Assert.Equal(3, listed.Select(m => m.Id).Distinct().Count());
        var ambiguous = Assert.Throws<ArgumentException>(() => hub.Remove(Sha(same)[..12]));
        Assert.Contains("matches 3 cached models", ambiguous.Message);
        Assert.Equal(3, hub.List().Count);
        var removed = hub.Remove(listed[1].Id);
        Assert.Equal(listed[1].Reference, Assert.Single(removed).Reference);
        Assert.Equal(2, hub.List().Count);
    }

    [Fact]
    public async Task Remove_with_a_revision_keeps_other_revisions()
    {
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, Bytes(1_000, 21));
        server.AddFile(Owner, Repo, "v1", FileName, Bytes(1_000, 22));
        using var hub = NewHub(server.Url);
        await hub.EnsureAsync(Ref("main"), null, Ct);
        await hub.EnsureAsync(Ref("v1"), null, Ct);

        hub.Remove($"hf:{Owner}/{Repo}/{FileName}@v1");

        Assert.Equal("main", Assert.Single(hub.List()).Revision);
    }

    [Fact]
    public async Task Remove_of_an_unknown_model_removes_nothing()
    {
        await using var server = new LoopbackHub();
        server.AddFile(Owner, Repo, "main", FileName, Bytes(1_000, 23));
        using var hub = NewHub(server.Url);
        await hub.EnsureAsync(Ref(), null, Ct);

        Assert.Equal((0, 0, 1), (hub.Remove("nobody/none/x.gguf").Count, hub.Remove("ffffffffffff").Count, hub.List().Count));
    }

    private sealed class Collect(List<DownloadProgress> into) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => into.Add(value);
    }
}
