using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// llama.cpp's own server as the peer in a scenario: the binary comes from the LLAMA_SERVER environment variable (built
/// from source outside the repository); scenarios skip the peer columns when it is not set.
/// </summary>
internal sealed class LlamaServerPeer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;

    private LlamaServerPeer(Process process, int port)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(5) };
    }

    /// <summary>The peer binary, or null when LLAMA_SERVER is unset or missing.</summary>
    public static string? Binary =>
        Environment.GetEnvironmentVariable("LLAMA_SERVER") is { Length: > 0 } path && File.Exists(path) ? path : null;

    /// <summary>Starts llama-server with <paramref name="slots"/> parallel slots of <paramref name="slotContext"/> tokens each.</summary>
    public static async Task<LlamaServerPeer?> StartAsync(string model, int slots, int slotContext, int threads, int port)
    {
        if (Binary is not { } binary) return null;
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-m", model, "-np", slots.ToString(CultureInfo.InvariantCulture), "-c", (slots * slotContext).ToString(CultureInfo.InvariantCulture),
                     "-t", threads.ToString(CultureInfo.InvariantCulture), "-tb", threads.ToString(CultureInfo.InvariantCulture),
                     "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--no-warmup" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info)!;
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var peer = new LlamaServerPeer(process, port);
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var health = await peer._http.GetAsync("health");
                if (health.IsSuccessStatusCode) return peer;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        await peer.DisposeAsync();
        throw new InvalidOperationException("llama-server did not become healthy in 30 s");
    }

    /// <summary>One completion; returns the generated token count and the server's own prompt time in ms.</summary>
    public async Task<(int Tokens, double PromptMs)> CompleteAsync(string prompt, int tokens, bool cachePrompt = false, CancellationToken ct = default)
    {
        using var response = await _http.PostAsJsonAsync("completion", new
        {
            prompt,
            n_predict = tokens,
            temperature = 0,
            cache_prompt = cachePrompt,
        }, ct);
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        return (body["tokens_predicted"]!.GetValue<int>(), body["timings"]?["prompt_ms"]?.GetValue<double>() ?? double.NaN);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
