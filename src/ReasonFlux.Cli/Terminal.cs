namespace ReasonFlux.Cli;

/// <summary>Whether a command writes to an interactive terminal (colours, progress bars) or to a file, pipe or test.</summary>
internal static class Terminal
{
    public static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
}
