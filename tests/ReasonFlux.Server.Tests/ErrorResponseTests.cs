using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace ReasonFlux.Server.Tests;

/// <summary>Every error class answers with the right status and an OpenAI-style body {"error":{message,type,param,code}}.</summary>
public sealed class ErrorResponseTests
{
    private const string Valid = """{"model":"scripted","messages":[{"role":"user","content":"What is 2+2?"}]}""";

    private static async Task<(HttpStatusCode Status, JsonElement Error, HttpResponseMessage Response)> PostAsync(
        ReasonFluxServer server, string body, string? key = null, string contentType = "application/json")
    {
        using var http = TestServers.Http(server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(text);
        return (response.StatusCode, json.RootElement.GetProperty("error").Clone(), response);
    }

    [Theory]
    [InlineData("""{"model":"scripted","messages":[""", null)]
    [InlineData("""{"model":"scripted"}""", "messages")]
    [InlineData("""{"model":"scripted","messages":[]}""", "messages")]
    [InlineData("""{"messages":[{"role":"user","content":"x"}]}""", "model")]
    [InlineData("""{"model":"scripted","messages":[{"role":"system","content":"x"}]}""", "messages")]
    [InlineData("""{"model":"scripted","messages":[{"role":"user","content":"x"}],"temperature":2.5}""", "temperature")]
    [InlineData("""{"model":"scripted","messages":[{"role":"user","content":"x"}],"temperature":"hot"}""", "temperature")]
    [InlineData("""{"model":"scripted","messages":[{"role":"user","content":"x"}],"top_p":0}""", "top_p")]
    [InlineData("""{"model":"scripted","messages":[{"role":"user","content":"x"}],"max_tokens":0}""", "max_tokens")]
    [InlineData("""{"model":"scripted","messages":[{"role":"user","content":"x"}],"max_completion_tokens":-5}""", "max_completion_tokens")]
    [InlineData("""{"model":"scripted","messages":[{"role":"user","content":"x"}],"n":17}""", "n")]
    [InlineData("""{"model":"scripted","messages":[{"role":"user","content":"x"}],"stop":["a","b","c","d","e"]}""", "stop")]
    [InlineData("""{"model":"scripted","messages":[{"role":"user","content":[{"type":"image_url","image_url":{"url":"x"}}]}]}""", "messages[0].content[0]")]
    public async Task Bad_requests_get_400_naming_the_field(string body, string? param)
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver());
        var (status, error, _) = await PostAsync(server, body);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Unknown_model_is_400_model_not_found_listing_the_served_models()
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver());
        var (status, error, _) = await PostAsync(server, """{"model":"gpt-4o","messages":[{"role":"user","content":"x"}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("model_not_found", error.GetProperty("code").GetString());
        Assert.Equal("model 'gpt-4o' is not served here; the models are: scripted", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Malformed_json_names_the_position()
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver());
        var (_, error, _) = await PostAsync(server, "{\"model\": \"scripted\",\n \"messages\" [] }");
        Assert.Contains("line 2", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Solver_options_out_of_range_are_400_with_the_solvers_reason()
    {
        var served = new ServedModel("strict", _ => throw new ArgumentException("thinking budget must be below max tokens"));
        await using var server = await TestServers.StartAsync(new ScriptedSolver(), o => o with { Models = [served] });
        var (status, error, _) = await PostAsync(server, """{"model":"strict","messages":[{"role":"user","content":"x"}]}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("thinking budget must be below max tokens", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData(null, "no API key: send 'Authorization: Bearer KEY'")]
    [InlineData("wrong-key", "incorrect API key")]
    public async Task Missing_or_wrong_key_is_401_when_a_key_is_configured(string? key, string message)
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver(), o => o with { ApiKey = "sk-right" });
        var (status, error, response) = await PostAsync(server, Valid, key);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_api_key", error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Right_key_is_accepted_and_health_needs_none()
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver(), o => o with { ApiKey = "sk-right" });
        using var http = TestServers.Http(server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = new StringContent(Valid, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "sk-right");
        using var ok = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var health = await http.GetAsync("health", TestContext.Current.CancellationToken);
        Assert.Equal("""{"status":"ok","models":["scripted"]}""", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Body_over_the_limit_is_413()
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver(), o => o with { MaxRequestBodyBytes = 4096 });
        var big = $$"""{"model":"scripted","messages":[{"role":"user","content":"{{new string('x', 10_000)}}"}]}""";
        var (status, error, _) = await PostAsync(server, big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("request_too_large", error.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Solve_past_the_timeout_is_504(bool stream)
    {
        var solver = new ScriptedSolver(block: true);
        await using var server = await TestServers.StartAsync(solver, o => o with { SolveTimeout = TimeSpan.FromMilliseconds(200) });
        var body = stream ? Valid.Replace("]}", "],\"stream\":true}", StringComparison.Ordinal) : Valid;
        var (status, error, _) = await PostAsync(server, body);
        Assert.Equal(HttpStatusCode.GatewayTimeout, status);
        Assert.Equal("timeout_error", error.GetProperty("type").GetString());
        Assert.True(solver.SawCancellation.Task.IsCompleted);
    }

    [Fact]
    public async Task Solver_failure_is_500_with_the_reason_and_the_server_keeps_serving()
    {
        var served = new ServedModel("broken", _ => new FailingSolver());
        await using var server = await TestServers.StartAsync(new ScriptedSolver(), o => o with { Models = [served, .. o.Models] });
        var (status, error, _) = await PostAsync(server, """{"model":"broken","messages":[{"role":"user","content":"x"}]}""");
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("the solve failed: the backend fell over", error.GetProperty("message").GetString());
        using var http = TestServers.Http(server);
        using var ok = await http.PostAsync("v1/chat/completions", new StringContent(Valid, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Unknown_route_is_404_in_the_same_error_shape()
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver());
        using var http = TestServers.Http(server);
        using var response = await http.GetAsync("v1/completions", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("unknown_url", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    private sealed class FailingSolver : Reasoning.ISolver
    {
        public async IAsyncEnumerable<Reasoning.SolveUpdate> SolveStreamingAsync(Reasoning.SolveRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            throw new InvalidOperationException("the backend fell over");
#pragma warning disable CS0162 // An iterator needs a yield to be one.
            yield break;
#pragma warning restore CS0162
        }
    }
}
