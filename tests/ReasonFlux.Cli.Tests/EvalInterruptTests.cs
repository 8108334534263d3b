using ReasonFlux.Cli.Commands;
using ReasonFlux.Models.Tests.Loopback;
using ReasonFlux.Tests;
using Spectre.Console;

namespace ReasonFlux.Cli.Tests;

/// <summary>Ctrl-C in <c>eval</c> says how to continue; the terminal bar shows one ETA.</summary>
public sealed class EvalInterruptTests : IDisposable
{
    private static readonly string Aime25 = SharedData.Path("benchmarks/aime25.jsonl");
    private readonly string _dir = Path.Combine(Directory.CreateTempSubdirectory("rf-eval-int-").FullName, "my run");

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(_dir)!, recursive: true);

    [Fact]
    public async Task Interrupted_eval_prints_one_line_naming_the_resume_command_with_the_out_folder()
    {
        await using var server = LoopbackChatServer.Start();
        server.Responder = _ => LoopbackReply.StreamedCompletion(["\\boxed{1}"]) with { Delay = TimeSpan.FromMinutes(2) };
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var code = await CliApp.RunAsync(["eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "direct", "--endpoint", server.BaseUri.ToString(),
            "--model", "m", "--limit", "2", "--out", _dir], output, error, cts.Token);

        Assert.Equal(130, code);
        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var hint = Assert.Single(lines, l => l.StartsWith("interrupted", StringComparison.Ordinal));
        Assert.Equal($"interrupted; continue with: reasonflux eval --benchmark aime25 --data {Aime25} --solver direct --endpoint {server.BaseUri} " +
            $"--model m --limit 2 --out '{_dir}' --resume", hint.TrimEnd('\r'));
        Assert.DoesNotContain(lines, l => l.StartsWith("cancelled", StringComparison.Ordinal));

        // The printed command works: it resumes the same folder (the server now answers at once).
        server.Responder = _ => LoopbackReply.StreamedCompletion(["\\boxed{1}"]);
        var resumed = await CliRun.RunAsync(["eval", "--benchmark", "aime25", "--data", Aime25, "--solver", "direct", "--endpoint", server.BaseUri.ToString(),
            "--model", "m", "--limit", "2", "--out", _dir, "--resume"]);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
    }

    [Fact]
    public void Terminal_bar_has_no_second_eta_column()
    {
        var columns = EvalCommand.EvalProgressDisplay.BarColumns;
        Assert.DoesNotContain(columns, c => c is RemainingTimeColumn);
        Assert.Contains(columns, c => c is TaskDescriptionColumn);
    }
}
