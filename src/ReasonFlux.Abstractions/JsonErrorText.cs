using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReasonFlux;

/// <summary>
/// System.Text.Json's exception text in words a user can act on: without the reader's "LineNumber: 0 |
/// BytePositionInLine" tail (callers say where, 1-based) and without .NET type names.
/// </summary>
public static partial class JsonErrorText
{
    /// <summary>What is wrong, e.g. "',' is an invalid start of a value", "expected a list", "missing required fields: mode, answer".</summary>
    public static string Describe(JsonException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        // Syntax errors carry the reader's message as the inner exception's; conversion errors carry their own.
        var message = exception.InnerException is { } inner && inner.GetType().Name == "JsonReaderException" ? inner.Message : exception.Message;
        return Describe(message);
    }

    /// <summary>The same, for a message already taken from an exception.</summary>
    public static string Describe(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var text = Tail().Replace(message, "").Trim().TrimEnd('.');
        if (Missing().Match(text) is { Success: true } missing)
            return "missing required fields: " + string.Join(", ", Quoted().Matches(missing.Groups[1].Value).Select(m => m.Groups[1].Value));
        if (Conversion().Match(text) is { Success: true } conversion)
            return "expected " + Expected(conversion.Groups[1].Value);
        return TypeName().Replace(text, "a value");
    }

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("List", StringComparison.Ordinal) || type.Contains("[]", StringComparison.Ordinal) || type.Contains("Enumerable", StringComparison.Ordinal) => "a list",
        _ when type.Contains("Dictionary", StringComparison.Ordinal) => "an object",
        _ when type.StartsWith("ReasonFlux.", StringComparison.Ordinal) && !type.Contains('+', StringComparison.Ordinal) => "an object",
        "System.String" => "text",
        "System.Boolean" => "true or false",
        _ when type.StartsWith("System.Int", StringComparison.Ordinal) || type.StartsWith("System.Int64", StringComparison.Ordinal) => "a whole number",
        "System.Double" or "System.Single" or "System.Decimal" => "a number",
        _ when !type.StartsWith("System.", StringComparison.Ordinal) => "another kind of value here",
        _ => "a value of another type",
    };

    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?(LineNumber: \d+ \| BytePositionInLine: \d+\.?)|\s*Path: \S*\.?\s*$")]
    private static partial Regex Tail();

    [GeneratedRegex(@"^JSON deserialization for type '[^']*' was missing required properties(?: including)?: (.*)$")]
    private static partial Regex Missing();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^The JSON value could not be converted to (\S+)")]
    private static partial Regex Conversion();

    [GeneratedRegex(@"'?\b(System|ReasonFlux)(\.[A-Za-z0-9_`]+)+(\[[^\]]*\])?'?")]
    private static partial Regex TypeName();
}
