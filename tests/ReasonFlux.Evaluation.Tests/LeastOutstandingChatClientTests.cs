using Microsoft.Extensions.AI;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Metrics;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.Models.Tests.Loopback;
using ReasonFlux.Reasoning.Direct;
using ReasonFlux.Tests;

namespace ReasonFlux.Evaluation.Tests;

/// <summary>Least-outstanding spreading over several real loopback endpoints, driven by the eval runner.</summary>
public sealed class LeastOutstandingChatClientTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-eval-spread-").FullName;
    private readonly Benchmark _aime25 = BenchmarkLoader.Load(BenchmarkCatalog.Find("aime25")!, SharedData.Path("benchmarks/aime25.jsonl"));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static IChatClient Endpoint(Uri uri) => OpenAIEndpoint.CreateChatClient(new OpenAIEndpointOptions { Endpoint = uri, Model = "m" });

    private async Task<EvalSummary> RunAsync(IChatClient client, int concurrency)
    {
        var solver = new DirectSolver(client, new DirectSolverOptions { MaxTokens = 64 });
        var manifest = RunManifest.Create("aime25", _aime25.Sha256, "direct", "m", 1, new Dictionary<string, string>());
        using var store = EvalRun.Open(_dir, manifest, _aime25.Problems, resume: false);
        return await new EvalRunner(solver, new EvalRunOptions { Concurrency = concurrency }).RunAsync(_aime25, store, null, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task More_requests_go_to_the_faster_of_two_endpoints()
    {
        await using var fast = AnsweringServer.Start(_aime25.Problems, _ => TimeSpan.FromMilliseconds(10));
        await using var slow = AnsweringServer.Start(_aime25.Problems, _ => TimeSpan.FromMilliseconds(600));
        using var spread = new LeastOutstandingChatClient([Endpoint(slow.BaseUri), Endpoint(fast.BaseUri)]);

        var summary = await RunAsync(spread, concurrency: 4);

        Assert.Equal(30, summary.Samples);
        Assert.Equal(1.0, summary.Pass1, 9);
        // With 4 in flight each endpoint holds about 2; the fast one turns its slots over 60 times as often.
        Assert.True(fast.Requests.Count >= 3 * slow.Requests.Count, $"fast {fast.Requests.Count}, slow {slow.Requests.Count}");
        Assert.Equal([slow.Requests.Count, fast.Requests.Count], spread.CallsPerBackend.Select(c => (int)c));
        Assert.Equal(30, fast.Requests.Count + slow.Requests.Count);
    }

    [Fact]
    public async Task Equal_endpoints_share_the_requests()
    {
        await using var a = AnsweringServer.Start(_aime25.Problems, _ => TimeSpan.FromMilliseconds(100));
        await using var b = AnsweringServer.Start(_aime25.Problems, _ => TimeSpan.FromMilliseconds(100));
        using var spread = new LeastOutstandingChatClient([Endpoint(a.BaseUri), Endpoint(b.BaseUri)]);

        await RunAsync(spread, concurrency: 4);

        Assert.InRange(a.Requests.Count, 10, 20);
        Assert.Equal(30, a.Requests.Count + b.Requests.Count);
    }

    [Fact]
    public async Task One_endpoint_down_of_two_the_run_completes_on_the_other_with_every_request_accounted_for()
    {
        await using var up = AnsweringServer.Start(_aime25.Problems, _ => TimeSpan.FromMilliseconds(20));
        var down = new Uri($"http://127.0.0.1:{LoopbackChatServer.UnusedPort()}/v1");
        using var spread = new LeastOutstandingChatClient([Endpoint(down), Endpoint(up.BaseUri)]);
        // The layers `reasonflux eval --endpoint` stacks: retries outside the spreading.
        using var client = ChatPipeline.Wrap(spread, new ModelCallPolicy { MaxConcurrency = 4, Retry = new ModelRetryOptions { MaxAttempts = 3 } });

        var summary = await RunAsync(client, concurrency: 4);

        Assert.Equal(0, summary.Errors);
        Assert.Equal(30, summary.Samples);
        Assert.Equal(1.0, summary.Pass1, 9);
        Assert.Equal(30, up.Requests.Count); // one request per sample reached the live server
        var calls = spread.CallsPerBackend;
        Assert.Equal(30, calls[1]);
        // Only calls already under way when it was first found down tried it; then it is set aside for the cooldown.
        Assert.InRange(calls[0], 1, 4);
    }
}
