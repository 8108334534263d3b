namespace ReasonFlux.Cli;

/// <summary>The command line itself is wrong (conflicting or missing options). Exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message)
{
    /// <summary>Runs a library's option check (which throws <see cref="ArgumentException"/>) as a check of the command line.</summary>
    public static void Check(Action validate)
    {
        try { validate(); }
        catch (ArgumentException ex) { throw new UsageException(ex.Message); }
    }
}
