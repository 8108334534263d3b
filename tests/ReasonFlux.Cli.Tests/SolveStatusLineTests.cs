using ReasonFlux.Tests;

namespace ReasonFlux.Cli.Tests;

/// <summary>Status lines written after a streamed solve start their own line, as they do in a terminal where stdout and stderr share one screen.</summary>
public sealed class SolveStatusLineTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("solve-status-").FullName;

    [Fact]
    public async Task Trace_written_starts_its_own_line_after_the_streamed_text_of_stories260K()
    {
        var library = Path.Combine(_dir, "library.json");
        await File.WriteAllTextAsync(library, ScriptedFluxServer.Library, TestContext.Current.CancellationToken);
        var trace = Path.Combine(_dir, "run.trace.json");
        using var screen = new StringWriter();
        await CliApp.RunAsync(["solve", "Once upon a time", "--mode", "flux", "--model", SharedData.Stories260K, "--chat-format", "raw",
            "--library", library, "--cache-dir", _dir, "--max-tokens", "12", "--temperature", "0", "--trace", trace], screen, screen, TestContext.Current.CancellationToken);
        var text = screen.ToString();
        var at = text.IndexOf($"trace written to {trace}", StringComparison.Ordinal);
        Assert.True(at > 0, text);
        Assert.True(text[at - 1] == '\n', $"'trace written' shares a line with the streamed text:\n{text}");
    }

    [Fact]
    public async Task One_blank_line_separates_the_streamed_text_from_the_answer()
    {
        var library = Path.Combine(_dir, "library.json");
        await File.WriteAllTextAsync(library, ScriptedFluxServer.Library, TestContext.Current.CancellationToken);
        using var screen = new StringWriter();
        await CliApp.RunAsync(["solve", "Once upon a time", "--mode", "flux", "--model", SharedData.Stories260K, "--chat-format", "raw",
            "--library", library, "--cache-dir", _dir, "--max-tokens", "12", "--temperature", "0"], screen, screen, TestContext.Current.CancellationToken);
        var text = screen.ToString().ReplaceLineEndings("\n");
        var at = text.IndexOf("answer: ", StringComparison.Ordinal);
        Assert.True(at > 2, text);
        Assert.True(text[at - 1] == '\n' && text[at - 2] == '\n', $"no blank line before the answer:\n{text}");
        Assert.True(at < 3 || text[at - 3] != '\n', $"more than one blank line before the answer:\n{text}");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
