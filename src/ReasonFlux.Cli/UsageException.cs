namespace ReasonFlux.Cli;

/// <summary>The command line itself is wrong (conflicting or missing options). Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
