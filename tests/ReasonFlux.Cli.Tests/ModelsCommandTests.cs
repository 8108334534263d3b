using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReasonFlux.Models.Tests.Hub;

namespace ReasonFlux.Cli.Tests;

/// <summary><c>reasonflux models pull|list|rm</c> end to end against a hub on 127.0.0.1.</summary>
public sealed class ModelsCommandTests : IAsyncLifetime
{
    private const string Repo = "acme/tiny-GGUF";
    private const string FileName = "tiny-q4_k_m.gguf";
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "reasonflux-cli-models", Guid.NewGuid().ToString("N"));
    private readonly byte[] _content = RandomBytes(150_000);
    private readonly LoopbackHub _hub = new();

    public ValueTask InitializeAsync()
    {
        _hub.AddFile("acme", "tiny-GGUF", "main", FileName, _content);
        _hub.AddFile("acme", "tiny-GGUF", "v2", FileName, _content);
        _hub.AddFile("acme", "tiny-GGUF", "main", "corrupt.gguf", _content, reportedSha256: Sha(RandomBytes(10)));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _hub.DisposeAsync();
        if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true);
    }

    private static byte[] RandomBytes(int length) => RandomNumberGenerator.GetBytes(length);

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--cache-dir", _cache], output, error);
        return (code, output.ToString(), error.ToString());
    }

    private Task<(int Code, string Out, string Err)> Pull(params string[] args) =>
        Run(["models", "pull", .. args, "--hub-url", _hub.Url.ToString()]);

    [Fact]
    public async Task Pull_downloads_the_file_and_prints_its_cached_path()
    {
        var (code, output, _) = await Pull(Repo, FileName);

        var path = output.Trim();
        Assert.Equal(0, code);
        Assert.StartsWith(_cache, path);
        Assert.Equal(_content, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Pull_accepts_an_hf_reference_with_a_revision()
    {
        var (code, output, _) = await Pull($"hf:{Repo}/{FileName}@v2");

        Assert.Equal(0, code);
        Assert.Contains(Path.Combine("v2", FileName), output);
    }

    [Fact]
    public async Task Pull_reports_plain_progress_lines_on_stderr_when_not_a_terminal()
    {
        var (_, _, error) = await Pull(Repo, FileName);

        Assert.Contains($"downloading hf:{Repo}/{FileName}@main: 100%", error);
    }

    [Fact]
    public async Task List_json_shows_the_pulled_model_with_size_revision_and_sha256()
    {
        await Pull(Repo, FileName, "--revision", "v2");

        var (code, output, _) = await Run("models", "list", "--json");

        using var json = JsonDocument.Parse(output);
        var model = Assert.Single(json.RootElement.GetProperty("models").EnumerateArray());
        Assert.Equal((0, $"{Repo}/{FileName}", "v2", Sha(_content), _content.Length),
            (code, model.GetProperty("model").GetString(), model.GetProperty("revision").GetString(), model.GetProperty("sha256").GetString(), model.GetProperty("size").GetInt32()));
    }

    [Fact]
    public async Task List_shows_a_table_with_the_short_id()
    {
        await Pull(Repo, FileName);

        var (_, output, _) = await Run("models", "list");

        var row = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1];
        // The id names the cached entry (file and revision), so two revisions of one file never share it.
        var id = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{Repo}/{FileName}@main")))[..12];
        Assert.StartsWith(id + "  " + $"{Repo}/{FileName}", row);
    }

    [Fact]
    public async Task Rm_by_id_removes_the_model_from_the_list()
    {
        await Pull(Repo, FileName);

        var (code, output, _) = await Run("models", "rm", Sha(_content)[..12]);
        var (_, list, _) = await Run("models", "list");

        Assert.Equal((0, true), (code, output.StartsWith($"removed hf:{Repo}/{FileName}@main", StringComparison.Ordinal)));
        Assert.StartsWith("no models in", list);
    }

    [Fact]
    public async Task Rm_of_a_model_that_is_not_cached_is_a_usage_error()
    {
        var (code, _, error) = await Run("models", "rm", $"{Repo}/{FileName}");

        Assert.Equal(2, code);
        Assert.StartsWith($"error: no cached model matches '{Repo}/{FileName}'", error);
    }

    [Fact]
    public async Task Checksum_mismatch_exits_3_with_one_line_and_caches_nothing()
    {
        var (code, _, error) = await Pull(Repo, "corrupt.gguf");

        var errorLine = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Equal(3, code);
        Assert.Contains("checksum mismatch", errorLine);
        Assert.Empty(Directory.EnumerateFiles(_cache, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Unreachable_hub_exits_3_and_says_how_to_use_a_local_model()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(["models", "pull", Repo, FileName, "--cache-dir", _cache, "--hub-url", $"http://127.0.0.1:{port}"], output, error, TestContext.Current.CancellationToken);

        Assert.Equal(3, code);
        Assert.Contains("--model PATH.gguf", error.ToString());
    }

    [Theory]
    [InlineData("acme", FileName)]
    [InlineData("hf:acme/tiny-GGUF")]
    [InlineData("acme/tiny-GGUF/readme.md")]
    public async Task Malformed_model_names_are_usage_errors(params string[] args)
    {
        var (code, _, error) = await Pull(args);

        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error);
    }
}
