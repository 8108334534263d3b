using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace ReasonFlux.Cli;

/// <summary>
/// Turns System.CommandLine's parse errors into what the README promises for a usage error: one <c>error: …</c>
/// line, a real suggestion when there is one, and a <c>--help</c> hint; at most three lines, on stderr only, with
/// no .NET type names.
/// </summary>
internal static partial class UsageErrorReport
{
    /// <summary>The lines to print for a command line that did not parse, or none when it parsed.</summary>
    public static IReadOnlyList<string> For(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var path = CommandPath(parse.CommandResult);
        var (message, suggestion) = Describe(parse, command, path);
        if (message is null) return [];
        var lines = new List<string> { $"error: {message}" };
        if (suggestion is not null) lines.Add($"did you mean '{suggestion}'?");
        lines.Add(HelpHint(path));
        return lines;
    }

    private static (string? Message, string? Suggestion) Describe(ParseResult parse, Command command, string path)
    {
        // An unknown --option where the command takes a free argument (solve's problem) is parsed as that argument.
        var optionLike = OptionLikeArgument(parse);
        var unmatched = optionLike ?? (parse.UnmatchedTokens.Count > 0 ? parse.UnmatchedTokens[0] : null);
        if (unmatched is not null)
        {
            if (LooksLikeOption(unmatched))
                return ($"unknown option '{unmatched}' for '{path}'", Closest(unmatched, OptionNames(parse.CommandResult)));
            if (command.Subcommands.Count > 0)
                return ($"unknown command '{unmatched}' for '{path}'", Closest(unmatched, command.Subcommands.Select(c => c.Name)));
            return ($"unexpected argument '{unmatched}' for '{path}'", null);
        }
        if (parse.Errors.Count == 0) return (null, null);
        if (command.Subcommands.Count > 0 && parse.Errors.Any(e => e.SymbolResult is CommandResult && command.Action is null))
            return ($"'{path}' needs a command: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}", null);
        var error = parse.Errors[0];
        return error.SymbolResult switch
        {
            OptionResult { IdentifierToken: null } option => ($"missing required option {option.Option.Name}", null),
            OptionResult option => DescribeValueError(error.Message, option.Option.Name, option.Option.ValueType, option.Tokens),
            ArgumentResult { Parent: OptionResult option } => DescribeValueError(error.Message, option.Option.Name, option.Option.ValueType, option.Tokens),
            ArgumentResult argument => DescribeValueError(error.Message, $"<{argument.Argument.Name}>", argument.Argument.ValueType, argument.Tokens),
            _ => (Plain(error.Message), null),
        };
    }

    private static (string, string?) DescribeValueError(string message, string name, Type valueType, IReadOnlyList<Token> tokens)
    {
        if (tokens.Count == 0)
            return name.StartsWith('<') ? ($"missing argument {name}", null) : ($"{name} needs a value", null);
        var given = tokens[^1].Value;
        var allowed = AllowedValue().Matches(message).Select(m => m.Groups[1].Value).ToList();
        if (allowed.Count == 0 && (Nullable.GetUnderlyingType(valueType) ?? valueType) is { IsEnum: true } enumType)
            allowed = [.. Enum.GetNames(enumType).Select(n => n.ToLowerInvariant())];
        if (allowed.Count > 0)
            return ($"{name} must be one of {string.Join(", ", allowed)} (got '{given}')", Closest(given, allowed));
        if (message.Contains(valueType.FullName ?? "\u0000", StringComparison.Ordinal) || message.Contains("Cannot parse", StringComparison.Ordinal))
            return ($"{name} expects {Describe(valueType)}, got '{given}'", null);
        return (Plain(message), null);
    }

    /// <summary>What a value of this type looks like, in words.</summary>
    internal static string Describe(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray) t = t.GetElementType()!;
        if (t == typeof(int) || t == typeof(long) || t == typeof(short)) return "a whole number";
        if (t == typeof(double) || t == typeof(float) || t == typeof(decimal)) return "a number";
        if (t == typeof(bool)) return "true or false";
        if (t == typeof(FileInfo)) return "a file path";
        if (t == typeof(DirectoryInfo)) return "a directory path";
        if (t == typeof(Uri)) return "a URL";
        if (t == typeof(TimeSpan)) return "a duration";
        if (t.IsEnum) return "one of " + string.Join(", ", Enum.GetNames(t).Select(n => n.ToLowerInvariant()));
        return "a value";
    }

    /// <summary>System.CommandLine's text with any leftover .NET type name replaced by words.</summary>
    internal static string Plain(string message)
    {
        var first = message.Split('\n')[0].Trim().TrimEnd('.');
        first = TypeName().Replace(first, "a value");
        return first.Length > 1 ? char.ToLowerInvariant(first[0]) + first[1..] : first;
    }

    private static string? OptionLikeArgument(ParseResult parse)
    {
        if (parse.Tokens.Any(t => t.Type == TokenType.DoubleDash)) return null;
        return parse.CommandResult.Children.OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens)
            .Select(t => t.Value)
            .FirstOrDefault(LooksLikeOption);
    }

    private static bool LooksLikeOption(string token) => OptionToken().IsMatch(token);

    private static IEnumerable<string> OptionNames(CommandResult result)
    {
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
        {
            foreach (var option in c.Command.Options)
            {
                if (option.Hidden || (r != result && !option.Recursive)) continue;
                yield return option.Name;
                foreach (var alias in option.Aliases) yield return alias;
            }
        }
    }

    /// <summary>The line that points a usage error at the command's help.</summary>
    internal static string HelpHint(string commandPath) => $"see '{commandPath} --help'";

    /// <summary>"reasonflux templates search": the words that reach the command.</summary>
    internal static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? r = result; r is CommandResult c; r = c.Parent)
            names.Add(c.Parent is null ? "reasonflux" : c.Command.Name);
        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>The candidate a typo most likely meant, or none when nothing is close.</summary>
    internal static string? Closest(string given, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (Name: c, Distance: Distance(given, c)))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name, StringComparer.Ordinal)
            .FirstOrDefault();
        if (best.Name is null) return null;
        var bare = given.TrimStart('-');
        var limit = Math.Max(1, bare.Length / 3);
        var prefix = bare.Length >= 3 && best.Name.TrimStart('-').StartsWith(bare, StringComparison.OrdinalIgnoreCase);
        return best.Distance <= limit || prefix ? best.Name : null;
    }

    /// <summary>Up to <paramref name="count"/> candidates that contain the given text or are a few edits from it, closest first.</summary>
    internal static IReadOnlyList<string> Similar(string given, IEnumerable<string> candidates, int count) =>
        [.. candidates
            .Select(c => (Name: c, Distance: c.Contains(given, StringComparison.OrdinalIgnoreCase) ? 0 : Distance(given, c)))
            .Where(c => c.Distance <= Math.Max(2, given.Length / 3))
            .OrderBy(c => c.Distance).ThenBy(c => c.Name.Length).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(c => c.Name)];

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }

    [GeneratedRegex(@"^--?[A-Za-z][A-Za-z0-9-]*(=.*)?$")]
    private static partial Regex OptionToken();

    [GeneratedRegex(@"^\s+'([^'\n]*)'", RegexOptions.Multiline)]
    private static partial Regex AllowedValue();

    [GeneratedRegex(@"'?\bSystem(\.[A-Za-z0-9_`\[\]]+)+'?")]
    private static partial Regex TypeName();
}
