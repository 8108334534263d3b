namespace ReasonFlux.Cli;

/// <summary>The command line itself is wrong (conflicting or missing options), found by the CLI. Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
