using System.CommandLine;
using ReasonFlux.Models;

namespace ReasonFlux.Cli;

/// <summary>
/// Runs a command body and turns failures into one-line messages and exit codes, so every command
/// reports errors the same way. Stack traces only with <c>--verbose</c>.
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
            var code = ExitCodeFor(ex);
            await error.WriteLineAsync($"error: {ex.Message}");
            if (parse.GetValue(CommonOptions.Verbose)) await error.WriteLineAsync(ex.ToString());
            return code;
        }
    }

    /// <summary>Usage errors are the user's input; model errors come from a backend; everything else is a failed run.</summary>
    internal static int ExitCodeFor(Exception ex) => ex switch
    {
        UsageException or FileNotFoundException or DirectoryNotFoundException => ExitCodes.Usage,
        ModelException => ExitCodes.ModelError,
        _ => ExitCodes.Failure,
    };
}
