namespace ReasonFlux.Cli;

/// <summary>
/// Writes each progress message as a line, on the reporting thread. <see cref="Progress{T}"/> would post it to the
/// thread pool, where it can land after the command has finished and its writer is closed.
/// </summary>
internal sealed class LineProgress(TextWriter writer) : IProgress<string>
{
    public void Report(string value) => writer.WriteLine(value);
}
