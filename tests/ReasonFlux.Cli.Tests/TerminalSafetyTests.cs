using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Cli.Tests;

/// <summary>Model text reaches the terminal with its control characters shown, never obeyed.</summary>
public sealed class TerminalSafetyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("terminal-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    // Clipboard write (OSC 52), clear screen, carriage return over the line, backspace, a C1 CSI, a bidi override and a bell.
    private static readonly string[] Hostile = ["\u001b]52;c;ZXZpbA==\u0007Let me think.", "\u001b[2J\u001b[1A\rThe answer is \\boxed{4}.\b\b\u009b31m\u202e"];

    private static void AssertNoControls(string text)
    {
        foreach (var c in text)
        {
            Assert.False(c is < ' ' and not '\n' and not '\t' || c is >= '\u007f' and <= '\u009f' || c is >= '\u202a' and <= '\u202e',
                $"control U+{(int)c:X4} reached the terminal in: {text}");
        }
    }

    [Fact]
    public async Task Solve_shows_control_characters_of_the_model_reply_instead_of_obeying_them()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => LoopbackReply.StreamedCompletion(Hostile);

        var run = await CliRun.RunAsync("solve", "What is 2+2?", "--mode", "direct", "--endpoint", server.BaseUri.ToString(), "--model", "m");

        Assert.True(run.ExitCode == 0, run.Error);
        AssertNoControls(run.Output);
        Assert.Contains("␛]52;c;ZXZpbA==␇Let me think.", run.Output, StringComparison.Ordinal);
        Assert.Contains("answer: 4", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_show_shows_control_characters_instead_of_obeying_them()
    {
        var library = Path.Combine(_dir, "library.json");
        await File.WriteAllTextAsync(library, ScriptedFluxServer.Library, TestContext.Current.CancellationToken);
        await using var server = ScriptedFluxServer.Start(new System.Collections.Concurrent.ConcurrentQueue<string>());
        var trace = Path.Combine(_dir, "run.trace.json");
        var solve = await CliRun.RunAsync("solve", "Find a_6.\u001b]52;c;ZXZpbA==\u0007\u001b[8m", "--mode", "flux", "--endpoint", server.BaseUri.ToString(), "--model", "m",
            "--library", library, "--cache-dir", _dir, "--trace", trace, "--json");
        Assert.True(solve.ExitCode == 0, solve.Error);

        var show = await CliRun.RunAsync("trace", "show", trace);

        Assert.True(show.ExitCode == 0, show.Error);
        AssertNoControls(show.Output);
        Assert.Contains("Find a_6.␛]52;c;ZXZpbA==␇␛[8m", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Templates_show_and_list_show_control_characters_of_the_library_instead_of_obeying_them()
    {
        var library = Path.Combine(_dir, "hostile.json");
        var text = ScriptedFluxServer.Library
            .Replace("Linear Recurrence Method", "Linear \\u001b]52;c;ZXZpbA==\\u0007Method", StringComparison.Ordinal)
            .Replace("characteristic equation.", "characteristic \\u001b[2J\\r\\u202eequation.", StringComparison.Ordinal);
        await File.WriteAllTextAsync(library, text, TestContext.Current.CancellationToken);
        var list = await CliRun.RunAsync("templates", "list", "--library", library);
        Assert.True(list.ExitCode == 0, list.Error);
        AssertNoControls(list.Output);
        var id = list.Output.Split('\t')[0];

        var show = await CliRun.RunAsync("templates", "show", id, "--library", library);

        Assert.True(show.ExitCode == 0, show.Error);
        AssertNoControls(show.Output);
        Assert.Contains("Linear ␛]52;c;ZXZpbA==␇Method", show.Output, StringComparison.Ordinal);
        Assert.Contains("characteristic ␛[2J", show.Output, StringComparison.Ordinal);
    }
}
