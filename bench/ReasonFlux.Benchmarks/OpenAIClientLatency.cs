using ReasonFlux.ModelCalls;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.AI;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Models.OpenAICompatible;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// Client-side latency our OpenAI path adds per request: the same chat request, sequentially, against a loopback
/// server that answers at once with a fixed completion, sent (1) with a bare HttpClient, (2) through
/// OpenAIEndpoint's client alone and (3) through the whole ChatPipeline (limit, retries) under the recording layer.
/// The three are interleaved so drift hits them alike; added latency = p50(path) − p50(bare HTTP). Goal: p50 &lt; 1 ms.
/// Usage: <c>scenario openai-latency [REQUESTS=3000] [--stream]</c>.
/// </summary>
internal static class OpenAIClientLatency
{
    private const string Completion =
        """{"id":"c","object":"chat.completion","created":1700000000,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"The answer is \\boxed{4}."},"finish_reason":"stop"}],"usage":{"prompt_tokens":20,"completion_tokens":8,"total_tokens":28}}""";

    private const string Stream =
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"The answer is \"},\"finish_reason\":null}]}\n\n" +
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\\\boxed{4}.\"},\"finish_reason\":\"stop\"}]}\n\n" +
        "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":8,\"total_tokens\":28}}\n\n" +
        "data: [DONE]\n\n";

    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 0 && int.TryParse(args[0], CultureInfo.InvariantCulture, out var n) ? n : 3000;
        var stream = args.Contains("--stream");
        using var listener = StartListener(out var port);
        using var serverStop = new CancellationTokenSource();
        var server = Task.Run(() => ServeAsync(listener, serverStop.Token));
        var endpoint = new Uri($"http://127.0.0.1:{port}/v1");

        using var http = new HttpClient();
        using var edge = OpenAIEndpoint.CreateChatClient(new() { Endpoint = endpoint, Model = "m", ApiKey = "k" });
        var recorder = new ModelCallRecorder();
        using var stack = new RecordingChatClient(
            ChatPipeline.Wrap(OpenAIEndpoint.CreateChatClient(new() { Endpoint = endpoint, Model = "m", ApiKey = "k" }), new ModelCallPolicy { MaxConcurrency = 8 }),
            recorder, new("bench"));

        ChatMessage[] messages = [new(ChatRole.System, "Reason step by step; put the answer in \\boxed{}."), new(ChatRole.User, "What is 2+2?")];
        var options = new ChatOptions { Temperature = 0.6f, TopP = 0.95f, MaxOutputTokens = 4096, Seed = 1 };
        // The body the stack sends, captured once, so the bare client does the same network work.
        var body = stream
            ? """{"temperature":0.6,"top_p":0.95,"messages":[{"role":"system","content":"Reason step by step; put the answer in \\boxed{}."},{"role":"user","content":"What is 2+2?"}],"model":"m","max_completion_tokens":4096,"stream":true,"seed":1,"stream_options":{"include_usage":true},"max_tokens":4096}"""
            : """{"temperature":0.6,"top_p":0.95,"messages":[{"role":"system","content":"Reason step by step; put the answer in \\boxed{}."},{"role":"user","content":"What is 2+2?"}],"model":"m","max_completion_tokens":4096,"seed":1,"max_tokens":4096}""";

        async Task Bare()
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{endpoint}/chat/completions") { Content = content };
            request.Headers.Authorization = new("Bearer", "k");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            _ = await response.Content.ReadAsStringAsync();
        }
        async Task Through(IChatClient client)
        {
            if (!stream)
            {
                _ = (await client.GetResponseAsync(messages, options)).Text;
                return;
            }
            await foreach (var update in client.GetStreamingResponseAsync(messages, options)) _ = update.Text;
        }
        Func<Task>[] paths = [Bare, () => Through(edge), () => Through(stack)];
        string[] names = ["bare HttpClient", "OpenAIEndpoint client", "full ChatPipeline"];

        var warmup = Math.Max(200, requests / 10);
        for (var i = 0; i < warmup; i++) foreach (var path in paths) await path();

        var samples = names.Select(_ => new double[requests]).ToArray();
        for (var i = 0; i < requests; i++)
        {
            for (var p = 0; p < paths.Length; p++)
            {
                var k = (p + i) % paths.Length; // rotate the order so no path always runs first
                var started = Stopwatch.GetTimestamp();
                await paths[k]();
                samples[k][i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }

        await serverStop.CancelAsync();
        listener.Stop();
        await server;

        Console.WriteLine($"OpenAI path latency, {(stream ? "streaming" : "non-streaming")}, {requests} sequential requests per path after {warmup} warm-up, loopback server answering at once");
        var bareP50 = Percentile(samples[0], 0.50);
        var bareP99 = Percentile(samples[0], 0.99);
        for (var p = 0; p < names.Length; p++)
        {
            var p50 = Percentile(samples[p], 0.50);
            var p99 = Percentile(samples[p], 0.99);
            var added = p == 0 ? "" : $"   added vs bare: p50 {p50 - bareP50:F3} ms, p99 {p99 - bareP99:F3} ms";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {names[p],-22} p50 {p50:F3} ms  p99 {p99:F3} ms{added}"));
        }
        var stackAdded = Percentile(samples[2], 0.50) - bareP50;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"goal p50 added < 1 ms: {(stackAdded < 1 ? "met" : "NOT met")} ({stackAdded:F3} ms); recorder saw {recorder.Totals.Calls} calls"));
        return 0;
    }

    private static double Percentile(double[] values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
    }

    private static HttpListener StartListener(out int port)
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        return listener;
    }

    private static async Task ServeAsync(HttpListener listener, CancellationToken stop)
    {
        var json = Encoding.UTF8.GetBytes(Completion);
        var sse = Encoding.UTF8.GetBytes(Stream);
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stop.IsCancellationRequested || !listener.IsListening)
            {
                return;
            }
            using (var reader = new StreamReader(context.Request.InputStream))
            {
                var request = await reader.ReadToEndAsync(stop);
                var streamed = request.Contains("\"stream\":true", StringComparison.Ordinal);
                var reply = streamed ? sse : json;
                context.Response.ContentType = streamed ? "text/event-stream" : "application/json";
                context.Response.ContentLength64 = reply.Length;
                await context.Response.OutputStream.WriteAsync(reply, stop);
                context.Response.Close();
            }
        }
    }
}
