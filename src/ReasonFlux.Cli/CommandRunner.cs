using System.CommandLine;
using ReasonFlux.Cli.Errors;

namespace ReasonFlux.Cli;

/// <summary>
/// Runs a command body and turns failures into one-line messages and exit codes (<see cref="ErrorMapping"/>), so every
/// command reports errors the same way; a usage error also points at the command's help. Stack traces only with <c>--verbose</c>.
/// </summary>
internal static class CommandRunner
{
    public static async Task<int> RunAsync(ParseResult parse, Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        var error = parse.InvocationConfiguration.Error;
        try
        {
            return await body(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("cancelled");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex)
        {
            var code = ErrorMapping.ExitCodeFor(ex);
            var path = UsageErrorReport.CommandPath(parse.CommandResult);
            await error.WriteLineAsync($"error: {ErrorMapping.MessageFor(ex, path)}");
            if (code == ExitCodes.Usage) await error.WriteLineAsync(UsageErrorReport.HelpHint(path));
            if (parse.GetValue(CommonOptions.Verbose)) await error.WriteLineAsync(ex.ToString());
            return code;
        }
    }
}
