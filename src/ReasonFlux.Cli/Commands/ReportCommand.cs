using System.CommandLine;
using ReasonFlux.Evaluation.Reports;

namespace ReasonFlux.Cli.Commands;

/// <summary><c>reasonflux report</c>: report.md, report.html and PNG plots over one or more run folders.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var runs = new Argument<string[]>("run-dir") { Description = "Run folders written by reasonflux eval.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--out", "-o") { Description = "Where to write the report (default: the first run folder)." };
        var samplesJsonl = new Option<bool>("--samples-jsonl") { Description = "Also export every run's samples in lm-evaluation-harness's samples format." };
        var command = new Command("report", "Write report.md, report.html (per-problem drill-down) and PNG plots for eval runs, side by side.")
        {
            runs, output, samplesJsonl,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async token =>
        {
            var dirs = parse.GetValue(runs) ?? [];
            var reports = new List<RunReport>();
            foreach (var dir in dirs)
            {
                token.ThrowIfCancellationRequested();
                if (!Directory.Exists(dir)) throw new UsageException($"{dir}: run folder not found");
                reports.Add(RunReport.Load(dir));
            }
            var outDir = parse.GetValue(output) ?? dirs[0];
            var files = ReportWriter.Write(reports, outDir, parse.GetValue(samplesJsonl));
            foreach (var file in files) await parse.InvocationConfiguration.Output.WriteLineAsync(file);
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
