using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;
using ReasonFlux.Grading;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Models.OpenAICompatible;
using ReasonFlux.ModelCalls;
using ReasonFlux.Reasoning;
using ReasonFlux.Reasoning.Direct;
using ChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// `scenario client-cpu-layers [calls]`: allocations and CPU per call of each layer of our OpenAI path, one call at a
/// time against the loopback server of `eval-throughput` (no latency): the OpenAI SDK's ChatClient, its IChatClient
/// adapter, our endpoint client (max_tokens patch, error translation), the pipeline (limit, retries), the recording
/// layer, the direct solver. Shows where the client's CPU over a minimal client goes.
/// </summary>
internal static class ClientCpuLayers
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// What a lean non-streaming call could cost while keeping the SDK's pipeline (transport, timeouts, errors): the SDK's
    /// protocol method with a body written by Utf8JsonWriter and the reply read with JsonDocument.
    /// </summary>
    private static async Task ProtocolCallAsync(ChatClient sdk, string prompt)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("messages");
            writer.WriteStartObject();
            writer.WriteString("role", "user");
            writer.WriteString("content", prompt);
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteString("model", "m");
            writer.WriteNumber("max_completion_tokens", 64);
            writer.WriteNumber("max_tokens", 64);
            writer.WriteEndObject();
        }
        using var content = BinaryContent.Create(new BinaryData(buffer.WrittenMemory));
        var result = await sdk.CompleteChatAsync(content, new RequestOptions());
        using var json = System.Text.Json.JsonDocument.Parse(result.GetRawResponse().Content.ToMemory());
        var text = json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        if (string.IsNullOrEmpty(text) || json.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32() <= 0)
            throw new InvalidOperationException("empty reply");
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var calls = args.Length > 0 ? int.Parse(args[0], Inv) : 2_000;
        var port = EvalThroughput.FreePort();
        using var server = EvalThroughput.StartServer("eval-throughput", port, 0);
        try
        {
            var endpoint = new Uri($"http://127.0.0.1:{port}/v1");
            var prompt = PromptTemplates.Fill(PromptTemplates.Get("direct.instruction"), ("problem", "What is 3 + 4?")).Trim();
            var sdk = new ChatClient("m", new ApiKeyCredential("x"), new OpenAIClientOptions { Endpoint = endpoint, RetryPolicy = new ClientRetryPolicy(0) });
            var adapter = sdk.AsIChatClient();
            var quiet = new ChatClient("m", new ApiKeyCredential("x"), new OpenAIClientOptions
            {
                Endpoint = endpoint, RetryPolicy = new ClientRetryPolicy(0),
                ClientLoggingOptions = new ClientLoggingOptions { EnableLogging = false }, EnableDistributedTracing = false,
            });
            var ours = OpenAIEndpoint.CreateChatClient(new OpenAIEndpointOptions { Endpoint = endpoint, Model = "m", ApiKey = "x" });
            var pipeline = ChatPipeline.Wrap(ours, new ModelCallPolicy { MaxConcurrency = 64, Retry = new ModelRetryOptions { MaxAttempts = 3 } });
            var solver = new DirectSolver(pipeline, new DirectSolverOptions { MaxTokens = 64 });
            var options = new ChatOptions { MaxOutputTokens = 64 };
            using var http = new HttpClient();
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "x");
            var uri = new Uri(endpoint + "/chat/completions");
            var layers = new (string Name, Func<Task> Call)[]
            {
                ("minimal .NET (HttpClient + System.Text.Json)", () => ClientCpu.MinimalCallAsync(http, uri, prompt, CancellationToken.None)),
                ("OpenAI SDK ChatClient.CompleteChatAsync", () => sdk.CompleteChatAsync([new UserChatMessage(prompt)], new ChatCompletionOptions { MaxOutputTokenCount = 64 })),
                ("SDK protocol method, own JSON (experiment)", () => ProtocolCallAsync(sdk, prompt)),
                ("OpenAI SDK, logging and tracing off", () => quiet.CompleteChatAsync([new UserChatMessage(prompt)], new ChatCompletionOptions { MaxOutputTokenCount = 64 })),
                ("+ MEAI AsIChatClient", () => adapter.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options)),
                ("+ ours: OpenAIEndpoint client", () => ours.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options)),
                ("+ pipeline (limit, retries)", () => pipeline.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options)),
                ("+ recording layer", () => new RecordingChatClient(pipeline, new ModelCallRecorder(), new ModelCallLabel("solve", 0)).GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], options)),
                ("direct solver (StreamText = false)", () => solver.SolveAsync(new SolveRequest("What is 3 + 4?") { AnswerKind = AnswerKind.Math, StreamText = false })),
            };
            using var sampler = Environment.GetEnvironmentVariable("RF_ALLOC_TYPES") == "1" ? new AllocationSampler() : null;
            for (var round = 0; round < 3; round++)
            {
                foreach (var (name, call) in layers)
                {
                    GC.Collect();
                    using var me = Process.GetCurrentProcess();
                    if (round == 2) sampler?.Start();
                    var (cpu0, alloc0) = (me.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true));
                    for (var i = 0; i < calls; i++) await call();
                    me.Refresh();
                    if (round == 2 && sampler is not null)
                    {
                        foreach (var (type, bytes) in sampler.Stop(25)) Console.WriteLine(string.Create(Inv, $"    {bytes / 1024.0 / calls,7:0.00} KiB/call  {type}"));
                    }
                    if (round == 0) continue;
                    Console.WriteLine(string.Create(Inv, $"round {round} {name}: {(GC.GetTotalAllocatedBytes(precise: true) - alloc0) / 1024.0 / calls:0.0} KiB/call, {(me.TotalProcessorTime - cpu0).TotalMilliseconds / calls:0.000} ms CPU/call"));
                }
            }
            return 0;
        }
        finally
        {
            server.StandardInput.Close();
            await server.WaitForExitAsync();
        }
    }
}
