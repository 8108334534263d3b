using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ReasonFlux.Server.Tests;

/// <summary>
/// What a hostile web page (cross-site form posts, foreign Origin, DNS rebinding with a foreign Host) and hostile bytes
/// get from the server: a 4xx in the OpenAI error shape on every endpoint, never a solve and never a 500.
/// </summary>
public sealed class CrossSiteTests
{
    private const string Valid = """{"model":"scripted","messages":[{"role":"user","content":"What is 2+2?"}]}""";

    private static async Task<(HttpStatusCode Status, JsonElement? Error, HttpResponseMessage Response)> SendAsync(
        ReasonFluxServer server, HttpMethod method, string path, HttpContent? content = null, Action<HttpRequestMessage>? headers = null)
    {
        using var http = TestServers.Http(server);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        headers?.Invoke(request);
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        JsonElement? error = null;
        if (text.StartsWith('{'))
        {
            using var json = JsonDocument.Parse(text);
            if (json.RootElement.TryGetProperty("error", out var e)) error = e.Clone();
        }
        return (response.StatusCode, error, response);
    }

    private static ByteArrayContent Body(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null) content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    public static TheoryData<string, string?> NonJsonPosts() => new()
    {
        { "v1/chat/completions", "text/plain" },
        { "v1/chat/completions", "text/plain; charset=json" },
        { "v1/chat/completions", "text/plain;charset=utf-8" },
        { "v1/chat/completions", "application/x-www-form-urlencoded" },
        { "v1/chat/completions", "multipart/form-data; boundary=xyz" },
        { "v1/chat/completions", "application/jsonp" },
        { "v1/chat/completions", "application/json; charset=utf-16" },
        { "v1/chat/completions", null },
        { "v1/models", "text/plain; charset=json" },
        { "v1/completions", "application/x-www-form-urlencoded" },
        { "health", "text/plain" },
    };

    [Theory]
    [MemberData(nameof(NonJsonPosts))]
    public async Task Bodies_that_are_not_declared_json_are_415(string path, string? contentType)
    {
        var solver = new ScriptedSolver();
        await using var server = await TestServers.StartAsync(solver);
        var (status, error, _) = await SendAsync(server, HttpMethod.Post, path, Body(Encoding.UTF8.GetBytes(Valid), contentType));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("unsupported_media_type", error?.GetProperty("code").GetString());
        Assert.Equal(0, solver.Started);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON;charset=\"UTF-8\"")]
    public async Task Json_content_types_are_served(string contentType)
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver());
        var (status, _, _) = await SendAsync(server, HttpMethod.Post, "v1/chat/completions", Body(Encoding.UTF8.GetBytes(Valid), contentType));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("POST", "v1/chat/completions")]
    [InlineData("GET", "v1/models")]
    [InlineData("GET", "v1/models/scripted")]
    [InlineData("GET", "health")]
    [InlineData("POST", "v1/completions")]
    public async Task A_foreign_origin_is_403_on_every_endpoint(string method, string path)
    {
        var solver = new ScriptedSolver();
        await using var server = await TestServers.StartAsync(solver, o => o with { CorsOrigins = ["https://app.example"] });
        var content = method == "POST" ? Body(Encoding.UTF8.GetBytes(Valid), "application/json") : null;
        var (status, error, response) = await SendAsync(server, new HttpMethod(method), path, content,
            r => r.Headers.TryAddWithoutValidation("Origin", "https://evil.example"));
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("origin_not_allowed", error?.GetProperty("code").GetString());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(0, solver.Started);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("http://localhost.evil.example")]
    public async Task Opaque_and_look_alike_origins_are_403(string origin)
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver());
        var (status, _, _) = await SendAsync(server, HttpMethod.Get, "v1/models", headers: r => r.Headers.TryAddWithoutValidation("Origin", origin));
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task A_listed_origin_gets_cors_headers()
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver(), o => o with { CorsOrigins = ["https://app.example"] });
        var (status, _, response) = await SendAsync(server, HttpMethod.Post, "v1/chat/completions", Body(Encoding.UTF8.GetBytes(Valid), "application/json"),
            r => r.Headers.TryAddWithoutValidation("Origin", "https://app.example"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("https://app.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Origin", response.Headers.Vary);
    }

    [Fact]
    public async Task Preflight_from_a_listed_origin_is_answered()
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver(), o => o with { CorsOrigins = ["https://app.example"] });
        var (status, _, response) = await SendAsync(server, HttpMethod.Options, "v1/chat/completions", headers: r =>
        {
            r.Headers.TryAddWithoutValidation("Origin", "https://app.example");
            r.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
            r.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "authorization, content-type");
        });
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal("https://app.example", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", response.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        var allowed = response.Headers.GetValues("Access-Control-Allow-Headers").Single();
        Assert.Contains("authorization", allowed, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("content-type", allowed, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData(null)]
    public async Task Preflight_is_refused_unless_cors_lists_the_origin(string? listed)
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver(), o => o with { CorsOrigins = listed is null ? [] : ["https://app.example"] });
        var (status, error, response) = await SendAsync(server, HttpMethod.Options, "v1/chat/completions", headers: r =>
        {
            r.Headers.TryAddWithoutValidation("Origin", listed ?? "https://app.example");
            r.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
        });
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.NotNull(error);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("attacker.example")]
    [InlineData("attacker.example:8080")]
    [InlineData("localhost.attacker.example")]
    [InlineData("127.0.0.1.nip.io")]
    public async Task A_foreign_host_is_403_when_bound_to_loopback(string host)
    {
        var solver = new ScriptedSolver();
        await using var server = await TestServers.StartAsync(solver);
        foreach (var (method, path) in new[] { ("POST", "v1/chat/completions"), ("GET", "v1/models"), ("GET", "health") })
        {
            var content = method == "POST" ? Body(Encoding.UTF8.GetBytes(Valid), "application/json") : null;
            var (status, error, _) = await SendAsync(server, new HttpMethod(method), path, content, r => r.Headers.Host = host);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Equal("host_not_allowed", error?.GetProperty("code").GetString());
        }
        Assert.Equal(0, solver.Started);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST:8080")]
    [InlineData("127.0.0.1:1")]
    [InlineData("[::1]:8080")]
    public async Task Loopback_host_names_are_served(string host)
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver());
        var (status, _, _) = await SendAsync(server, HttpMethod.Get, "v1/models", headers: r => r.Headers.Host = host);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Allowed_hosts_widen_the_host_check()
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver(), o => o with { AllowedHosts = ["reasonflux.lan"] });
        var (status, _, _) = await SendAsync(server, HttpMethod.Get, "v1/models", headers: r => r.Headers.Host = "reasonflux.lan:8080");
        Assert.Equal(HttpStatusCode.OK, status);
    }

    public static TheoryData<string, byte[]> BadText() => new()
    {
        { "raw 0xFF in content", Utf8Around("""{"model":"scripted","messages":[{"role":"user","content":"a""", [0xFF], "\"}]}") },
        { "truncated sequence in model", Utf8Around("""{"model":"scr""", [0xE2, 0x82], "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}") },
        { "encoded surrogate in content", Utf8Around("""{"model":"scripted","messages":[{"role":"user","content":"a""", [0xED, 0xA0, 0x80], "\"}]}") },
        { "escaped lone surrogate in content", Encoding.UTF8.GetBytes("""{"model":"scripted","messages":[{"role":"user","content":"x\ud800y"}]}""") },
        { "escaped lone low surrogate in a content part", Encoding.UTF8.GetBytes("""{"model":"scripted","messages":[{"role":"user","content":[{"type":"text","text":"\udc00"}]}]}""") },
        { "escaped lone surrogate in model", Encoding.UTF8.GetBytes("""{"model":"\ud800","messages":[{"role":"user","content":"x"}]}""") },
        { "escaped lone surrogate in stop", Encoding.UTF8.GetBytes("""{"model":"scripted","messages":[{"role":"user","content":"x"}],"stop":"\ud800"}""") },
        { "escaped lone surrogate in role", Encoding.UTF8.GetBytes("""{"model":"scripted","messages":[{"role":"\ud800","content":"x"}]}""") },
    };

    [Theory]
    [MemberData(nameof(BadText))]
    public async Task Invalid_utf8_or_lone_surrogates_are_400_in_openai_shape(string what, byte[] body)
    {
        var solver = new ScriptedSolver();
        await using var server = await TestServers.StartAsync(solver);
        var (status, error, _) = await SendAsync(server, HttpMethod.Post, "v1/chat/completions", Body(body, "application/json"));
        Assert.True(status == HttpStatusCode.BadRequest, $"{what}: {status}");
        Assert.Equal("invalid_request_error", error?.GetProperty("type").GetString());
        Assert.Contains("UTF", error?.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, solver.Started);
    }

    [Theory]
    [InlineData("POST", "v1/models")]
    [InlineData("POST", "health")]
    [InlineData("GET", "v1/chat/completions")]
    [InlineData("PUT", "v1/chat/completions")]
    public async Task A_known_path_asked_with_another_method_is_405_in_openai_shape(string method, string path)
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver());
        var content = method is "POST" or "PUT" ? Body(Encoding.UTF8.GetBytes(Valid), "application/json") : null;
        var (status, error, _) = await SendAsync(server, new HttpMethod(method), path, content);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Equal("method_not_allowed", error?.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Invalid_utf8_posted_to_another_endpoint_is_a_4xx_in_openai_shape()
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver());
        var (status, error, _) = await SendAsync(server, HttpMethod.Post, "v1/models", Body([0x7B, 0xFF, 0xFE, 0x7D], "application/json"));
        Assert.InRange((int)status, 400, 499);
        Assert.NotNull(error);
    }

    [Fact]
    public async Task Key_check_still_applies_after_the_cross_site_checks()
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver(), o => o with { ApiKey = "sk-right" });
        var (status, _, _) = await SendAsync(server, HttpMethod.Post, "v1/chat/completions", Body(Encoding.UTF8.GetBytes(Valid), "application/json"),
            r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private static byte[] Utf8Around(string before, byte[] raw, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];
}
