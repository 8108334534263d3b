using System.CommandLine;

namespace ReasonFlux.Cli.Commands;

/// <summary><c>reasonflux solve</c>: solve one problem.</summary>
internal static class SolveCommand
{
    public static Command Create()
    {
        var command = new Command("solve", "Solve a math problem.");
        return command;
    }
}
