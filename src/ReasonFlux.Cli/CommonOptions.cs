using System.CommandLine;

namespace ReasonFlux.Cli;

/// <summary>Options shared by several commands.</summary>
internal static class CommonOptions
{
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show stack traces and extra diagnostics on errors.",
        Recursive = true,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print one JSON object instead of human-readable output." };
}
