namespace ReasonFlux.Templates;

/// <summary>One validation finding in a template library file.</summary>
/// <param name="File">The file (or resource) that was read.</param>
/// <param name="JsonPath">Where in the document, e.g. <c>$["Sequences"]["Recurrences"][2].reason_flow</c>.</param>
/// <param name="Line">1-based line of the offending value, or 0 when unknown.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="IsWarning">Warnings (e.g. duplicate names) do not make a library invalid.</param>
public sealed record LibraryProblem(string File, string JsonPath, int Line, string Message, bool IsWarning = false)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{File}: {(IsWarning ? "warning: " : "")}{JsonPath}: {Message}{(Line > 0 ? $" (line {Line})" : "")}";
}
