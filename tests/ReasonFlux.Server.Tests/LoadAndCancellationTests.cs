using System.Net;
using System.Text;

namespace ReasonFlux.Server.Tests;

/// <summary>Concurrency limit, client disconnects and request-id logging, over real HTTP.</summary>
public sealed class LoadAndCancellationTests
{
    private const string Valid = """{"model":"scripted","messages":[{"role":"user","content":"What is 2+2?"}]}""";

    private static StringContent Body(string json = Valid) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Concurrency_limit_holds_under_200_concurrent_requests_and_the_excess_get_429_with_retry_after()
    {
        var ct = TestContext.Current.CancellationToken;
        var solver = new ScriptedSolver(block: true);
        await using var server = await TestServers.StartAsync(solver, o => o with { MaxConcurrentRequests = 8, RetryAfter = TimeSpan.FromSeconds(2) });
        using var http = TestServers.Http(server);
        var requests = Enumerable.Range(0, 200).Select(_ => http.PostAsync("v1/chat/completions", Body(), ct)).ToList();

        // The admitted eight block until released, so exactly the other 192 can finish before that.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (requests.Count(r => r.IsCompleted) < 192 && DateTime.UtcNow < deadline) await Task.Delay(20, ct);
        var early = requests.Where(r => r.IsCompleted).Select(r => r.Result).ToList();
        Assert.Equal(192, early.Count);
        Assert.All(early, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.All(early, r => Assert.Equal(TimeSpan.FromSeconds(2), r.Headers.RetryAfter?.Delta));
        Assert.Equal(8, solver.Started);

        solver.Release();
        var all = await Task.WhenAll(requests);
        Assert.Equal(8, all.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(8, solver.MaxRunning);
        foreach (var r in all) r.Dispose();
    }

    [Fact]
    public async Task Queued_requests_wait_for_a_slot_instead_of_failing()
    {
        var ct = TestContext.Current.CancellationToken;
        var solver = new ScriptedSolver(block: true);
        await using var server = await TestServers.StartAsync(solver, o => o with { MaxConcurrentRequests = 1, QueueLimit = 2 });
        using var http = TestServers.Http(server);
        var requests = Enumerable.Range(0, 4).Select(_ => http.PostAsync("v1/chat/completions", Body(), ct)).ToList();
        var rejected = await await Task.WhenAny(requests);
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        solver.Release();
        var all = await Task.WhenAll(requests);
        Assert.Equal(3, all.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, solver.MaxRunning);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Client_disconnect_cancels_the_solve(bool stream)
    {
        var solver = new ScriptedSolver(block: true);
        var logs = new CollectingLoggerProvider();
        await using var server = await TestServers.StartAsync(solver, logs: logs);
        using var http = TestServers.Http(server);
        using var client = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var json = stream ? Valid.Replace("]}", "],\"stream\":true}", StringComparison.Ordinal) : Valid;
        using var message = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = Body(json) };
        var request = http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, client.Token);
        await solver.FirstStarted.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        await client.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
        await solver.SawCancellation.Task.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        // The log line follows the cancellation on the server's side; give it a moment.
        for (var i = 0; i < 200 && !logs.Lines.Any(l => l.Contains("client disconnected", StringComparison.Ordinal)); i++)
            await Task.Delay(25, TestContext.Current.CancellationToken);
        Assert.Contains(logs.Lines, l => l.Contains(" client disconnected after ", StringComparison.Ordinal) && l.EndsWith("ms; solve cancelled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Logs_and_the_response_carry_the_request_id()
    {
        var logs = new CollectingLoggerProvider();
        await using var server = await TestServers.StartAsync(new ScriptedSolver(), logs: logs);
        using var http = TestServers.Http(server);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = Body() };
        request.Headers.Add("x-request-id", "req-test-42");
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal("req-test-42", response.Headers.GetValues("x-request-id").Single());
        Assert.Contains(logs.Lines, l => l.StartsWith("req-test-42 scripted stream=False n=1: solving", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.StartsWith("req-test-42 completed in ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_generates_a_request_id_when_the_client_sends_none()
    {
        await using var server = await TestServers.StartAsync(new ScriptedSolver());
        using var http = TestServers.Http(server);
        using var response = await http.PostAsync("v1/chat/completions", Body(), TestContext.Current.CancellationToken);
        var id = response.Headers.GetValues("x-request-id").Single();
        Assert.False(string.IsNullOrWhiteSpace(id));
        Assert.Contains(id.Replace(':', '-'), await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
