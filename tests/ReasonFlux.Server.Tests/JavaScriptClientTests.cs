using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace ReasonFlux.Server.Tests;

/// <summary>
/// The official <c>openai</c> npm package against the real server (js/client.mjs). CI installs it with
/// <c>npm ci --prefix tests/ReasonFlux.Server.Tests/js</c>; locally the test runs <c>npm ci</c> itself when node_modules is missing.
/// Without node or npm the test fails saying so: it never skips.
/// </summary>
public sealed class JavaScriptClientTests
{
    [Fact]
    public async Task Openai_npm_package_completes_streams_and_sees_errors()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = ClientFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "openai")))
        {
            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, ct);
            Assert.True(install.Code == 0, $"npm ci in {folder} failed ({install.Code}):\n{install.Error}");
        }
        await using var server = await TestServers.StartAsync(new ScriptedSolver());
        var run = await RunAsync("node", ["client.mjs", server.ApiBase.ToString(), "scripted"], folder, ct);
        Assert.True(run.Code == 0, $"node client.mjs failed ({run.Code}):\n{run.Error}\n{run.Output}");

        using var json = JsonDocument.Parse(run.Output);
        var seen = json.RootElement;
        Assert.Equal("The answer is \\boxed{4}.", seen.GetProperty("content").GetString());
        Assert.Equal("Two and two make four.", seen.GetProperty("reasoning_content").GetString());
        Assert.Equal("4", seen.GetProperty("answer").GetString());
        Assert.Equal(22, seen.GetProperty("usage").GetProperty("total_tokens").GetInt32());
        Assert.Equal("The answer is \\boxed{4}.", seen.GetProperty("streamed").GetString());
        Assert.Equal("<think>Two and two make four.</think>", seen.GetProperty("streamed_reasoning").GetString());
        Assert.Equal(10, seen.GetProperty("stream_usage").GetProperty("completion_tokens").GetInt32());
        Assert.Equal(400, seen.GetProperty("error").GetProperty("status").GetInt32());
        Assert.Equal("model_not_found", seen.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(["scripted"], seen.GetProperty("models").EnumerateArray().Select(m => m.GetString()));
    }

    private static string ClientFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "ReasonFlux.Server.Tests", "js");
            if (File.Exists(Path.Combine(candidate, "package.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("tests/ReasonFlux.Server.Tests/js/package.json was not found above " + AppContext.BaseDirectory);
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string tool, string[] args, string folder, CancellationToken ct)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start");
        }
        catch (Win32Exception ex)
        {
            Assert.Fail($"'{tool}' is not installed or not on PATH ({ex.Message}); the openai npm client test needs Node.js 18+ and npm (apt-get install nodejs npm)");
            throw;
        }
        using (process)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(TimeSpan.FromMinutes(3));
            var output = process.StandardOutput.ReadToEndAsync(limit.Token);
            var error = process.StandardError.ReadToEndAsync(limit.Token);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            return (process.ExitCode, await output, await error);
        }
    }
}
