using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReasonFlux.Tests;

namespace ReasonFlux.Cli.Tests;

public sealed partial class ServeCommandTests : IDisposable
{
    // The template index cache of the flux tests, so they neither read nor write the user's cache.
    private readonly string _cache = Directory.CreateTempSubdirectory("serve-cli-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private static readonly string Stories = SharedData.Stories260K;

    [GeneratedRegex(@"at (http://127\.0\.0\.1:\d+/v1/)")]
    private static partial Regex ServingAt();

    /// <summary>Runs <c>serve</c> until <paramref name="whileServing"/> is done, then stops it as Ctrl+C would.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> ServeAsync(string[] args, Func<Uri, Task> whileServing)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var sharedOutput = TextWriter.Synchronized(output);
        var config = new System.CommandLine.InvocationConfiguration { Output = sharedOutput, Error = TextWriter.Synchronized(error) };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var run = CliApp.Build().Parse(["serve", .. args]).InvokeAsync(config, stop.Token);
        // The synchronized writer locks on itself, so reading the text under that lock is safe while the command writes.
        string Written() { lock (sharedOutput) return output.ToString(); }
        var match = ServingAt().Match(Written());
        for (var i = 0; i < 600 && !run.IsCompleted && !match.Success; i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            match = ServingAt().Match(Written());
        }
        if (match.Success)
        {
            try { await whileServing(new Uri(match.Groups[1].Value)); }
            finally { await stop.CancelAsync(); }
        }
        var code = await run;
        return (code, Written(), error.ToString());
    }

    [Fact]
    public async Task Serve_answers_chat_completions_on_stories260K_until_stopped()
    {
        string? reply = null;
        var (code, output, error) = await ServeAsync(["--model", Stories, "--chat-format", "raw", "--port", "0", "--max-tokens", "12"], async api =>
        {
            using var http = new HttpClient();
            var body = """{"model":"reasonflux-direct","messages":[{"role":"user","content":"Once upon a time"}],"temperature":0}""";
            using var response = await http.PostAsync(new Uri(api, "chat/completions"), new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            reply = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        });
        Assert.True(code == 0, error);
        Assert.Contains("serving stories260K as reasonflux-direct and reasonflux-flux at http://127.0.0.1:", output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(reply!);
        Assert.Equal(12, json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32());
    }

    [Fact]
    public async Task Models_endpoint_lists_direct_and_flux()
    {
        string? models = null;
        var (code, output, error) = await ServeAsync(["--model", Stories, "--port", "0", "--cache-dir", _cache], async api =>
        {
            using var http = new HttpClient();
            models = await http.GetStringAsync(new Uri(api, "models"), TestContext.Current.CancellationToken);
        });
        Assert.True(code == 0, error);
        Assert.Contains("template index ready: ", output, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(models!);
        var names = json.RootElement.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("id").GetString()!).ToArray();
        Assert.Equal<string>(["reasonflux-direct", "reasonflux-flux"], names);
    }

    [Fact]
    public async Task Flux_chat_completion_on_stories260K_returns_the_reasonflux_answer()
    {
        HttpStatusCode? status = null;
        string? reply = null;
        var (code, _, error) = await ServeAsync(["--model", Stories, "--chat-format", "raw", "--port", "0", "--cache-dir", _cache], async api =>
        {
            using var http = new HttpClient();
            // The nonsense model writes no plan the navigator can parse, so flux falls back to solving the problem directly.
            var body = """{"model":"reasonflux-flux","messages":[{"role":"user","content":"What is 2+2?"}],"max_tokens":16,"temperature":0,"seed":1}""";
            using var response = await http.PostAsync(new Uri(api, "chat/completions"), new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
            status = response.StatusCode;
            reply = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        });
        Assert.True(code == 0, error);
        Assert.True(status == HttpStatusCode.OK, reply);
        using var json = JsonDocument.Parse(reply!);
        Assert.Equal("reasonflux-flux", json.RootElement.GetProperty("model").GetString());
        Assert.Equal(JsonValueKind.Object, json.RootElement.GetProperty("reasonflux").ValueKind);
        Assert.True(json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0, reply);
    }

    [Fact]
    public async Task Cors_origin_and_allowed_hosts_options_reach_the_server()
    {
        var statuses = new List<HttpStatusCode>();
        var (code, _, error) = await ServeAsync(["--model", Stories, "--port", "0", "--cors-origin", "https://app.example", "--allowed-hosts", "reasonflux.lan", "--log-level", "Error"], async api =>
        {
            using var http = new HttpClient();
            async Task SendAsync(HttpMethod method, Action<HttpRequestMessage> headers)
            {
                using var request = new HttpRequestMessage(method, new Uri(api, "chat/completions"));
                headers(request);
                using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
                statuses.Add(response.StatusCode);
            }
            await SendAsync(HttpMethod.Options, r => { r.Headers.Add("Origin", "https://app.example"); r.Headers.Add("Access-Control-Request-Method", "POST"); });
            await SendAsync(HttpMethod.Options, r => { r.Headers.Add("Origin", "https://evil.example"); r.Headers.Add("Access-Control-Request-Method", "POST"); });
            await SendAsync(HttpMethod.Post, r => { r.Headers.Host = "attacker.example"; r.Content = new StringContent("{}", Encoding.UTF8, "application/json"); });
            await SendAsync(HttpMethod.Post, r => { r.Headers.Host = "reasonflux.lan"; r.Content = new StringContent("{}", Encoding.UTF8, "text/plain"); });
        });
        Assert.True(code == 0, error);
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.UnsupportedMediaType], statuses);
    }

    [Fact]
    public async Task Server_api_key_option_protects_the_api()
    {
        HttpStatusCode? status = null;
        var (code, _, error) = await ServeAsync(["--model", Stories, "--port", "0", "--server-api-key", "sk-local"], async api =>
        {
            using var http = new HttpClient();
            using var response = await http.GetAsync(new Uri(api, "models"), TestContext.Current.CancellationToken);
            status = response.StatusCode;
        });
        Assert.True(code == 0, error);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Port_in_use_is_an_error_naming_the_address()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var run = await CliRun.RunAsync("serve", "--model", Stories, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: cannot listen on 127.0.0.1:{port}: ", run.Error.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_that_is_not_an_address_is_a_usage_error()
    {
        var run = await CliRun.RunAsync("serve", "--model", Stories, "--host", "example.com", "--port", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: --host must be an IP address or localhost (got 'example.com')\nsee 'reasonflux serve --help'", run.Error.Trim().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Bad_limits_are_usage_errors()
    {
        var run = await CliRun.RunAsync("serve", "--model", Stories, "--max-requests", "0");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--max-requests must be at least 1", run.Error, StringComparison.Ordinal);
    }
}
