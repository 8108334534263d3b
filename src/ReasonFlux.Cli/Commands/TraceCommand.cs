using System.CommandLine;
using ReasonFlux.Reasoning;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Cli.Commands;

/// <summary><c>reasonflux trace show FILE [--html OUT.html]</c>: read a solve trace as a tree, or render it as a web page.</summary>
internal static class TraceCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A trace written by `reasonflux solve --mode flux --trace FILE`." };
        var html = new Option<string?>("--html") { Description = "Also write a self-contained HTML page of the trace to this file." };
        var width = new Option<int>("--width") { Description = "Cut texts to this many characters per line (default 120).", DefaultValueFactory = _ => 120 };
        var show = new Command("show", "Print a solve trace as a tree: trajectories, retrieved templates, steps, reviews, model calls.") { file, html, width };
        show.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async token =>
        {
            if (parse.GetValue(width) < 20) throw new UsageException("--width must be at least 20");
            var trace = await TraceJson.ReadAsync(parse.GetValue(file)!, token);
            var output = parse.InvocationConfiguration.Output;
            await output.WriteAsync(TerminalText.Clean(TraceTree.Render(trace, parse.GetValue(width))));
            if (parse.GetValue(html) is { } page)
            {
                var full = Path.GetFullPath(page);
                if (Path.GetDirectoryName(full) is { Length: > 0 } dir) Directory.CreateDirectory(dir);
                await File.WriteAllTextAsync(full, TraceHtml.Render(trace), token);
                await output.WriteLineAsync($"html written to {full}");
            }
            return ExitCodes.Success;
        }, ct));
        return new Command("trace", "Inspect solve traces.") { show };
    }
}
