namespace ReasonFlux.Cli;

/// <summary>Process exit codes shared by every command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The command ran and found problems (validation failed, answers differ where that is an error).</summary>
    public const int Failure = 1;
    public const int Usage = 2;
    public const int ModelError = 3;
    public const int Cancelled = 130;
}
