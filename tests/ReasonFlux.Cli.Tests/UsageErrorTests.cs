using System.CommandLine;
using System.CommandLine.Completions;

namespace ReasonFlux.Cli.Tests;

/// <summary>Every command answers a wrong command line as the README promises: exit 2, a short error on stderr only.</summary>
public sealed class UsageErrorTests
{
    /// <summary>
    /// Wrong command lines for every command of the real tree (walked, so a new command is covered without a new line):
    /// an unknown option on each command, a value of the wrong type for each typed or enumerated option, each option
    /// without its value, a command without its required input, an unknown subcommand for each group, plus hand-picked
    /// misses, out-of-range values and misspelt choices.
    /// </summary>
    public static TheoryData<string[]> BadCommandLines()
    {
        var data = new TheoryData<string[]>
        {
            new[] { "frobnicate" },
            new[] { "solv", "x" },
            Array.Empty<string>(),
            new[] { "solve", "x", "--mode", "dirct" },
            new[] { "solve", "x", "--retrieval", "flt" },
            new[] { "solve", "x", "--chat-format", "chatm" },
            new[] { "eval", "-b", "math500", "-o", "run", "--solver", "flx" },
            new[] { "grade", "--kind", "mth" },
        };
        foreach (var args in OutOfRange) data.Add(args);
        foreach (var (path, command) in Commands(CliApp.Build(), []))
        {
            data.Add([.. path, "--no-such-option"]);
            if (command.Subcommands.Count > 0) data.Add([.. path, "no-such-command"]);
            foreach (var option in command.Options.Where(o => !o.Hidden && o.Name != "--help"))
            {
                if (BadValue(option) is { } bad) data.Add([.. path, option.Name, bad]);
                if (option.Arity.MinimumNumberOfValues > 0) data.Add([.. path, option.Name]);
            }
            var needsInput = command.Arguments.Any(a => a.Arity.MinimumNumberOfValues > 0) || command.Options.Any(o => o.Required);
            if (needsInput && command.Subcommands.Count == 0) data.Add(path);
        }
        return data;
    }

    /// <summary>Values the parser takes but the command or its library refuses; refused before any model is loaded.</summary>
    private static readonly string[][] OutOfRange =
    [
        ["solve", "x", "--samples", "0"],
        ["solve", "x", "--temperature", "3"],
        ["solve", "x", "--top-p", "0"],
        ["solve", "x", "--max-tokens", "0"],
        ["solve", "x", "--mode", "direct", "--thinking-budget", "0"],
        ["solve", "x", "--max-steps", "0"],
        ["solve", "x", "--timeout", "-1"],
        ["solve", "x", "--ctx-size", "1"],
        ["solve", "x", "--max-concurrency", "0"],
        ["solve", "x", "--model", "m", "--endpoint", "not a url"],
        ["eval", "-b", "math500", "-o", "run", "--samples", "0"],
        ["eval", "-b", "math500", "-o", "run", "--concurrency", "0"],
        ["eval", "-b", "math500", "-o", "run", "--limit", "0"],
        ["eval", "-b", "math500", "-o", "run", "--sample-timeout", "0"],
        ["eval", "-b", "math500", "-o", "run", "--temperature", "-1"],
        ["serve", "--port", "70000"],
        ["serve", "--max-requests", "0"],
        ["serve", "--queue", "-1"],
        ["serve", "--timeout", "0"],
        ["serve", "--cors-origin", "not-an-origin"],
        ["data", "pairs", "-b", "math500", "-o", "out", "--trajectories", "0"],
        ["data", "pairs", "-b", "math500", "-o", "out", "--temperature", "5"],
        ["data", "sft", "--kind", "longcot", "--from", "run", "-o", "out", "--max-per-problem", "0"],
        ["templates", "distill", "--from", "x", "-o", "out.json", "--temperature", "5"],
        ["serve", "--max-tokens", "0"],
        ["eval", "-b", "math500", "-o", "run", "--max-tokens", "0"],
        ["templates", "search", "x", "-k", "0"],
        ["templates", "distill", "--from", "x", "-o", "out.json", "--duplicate-similarity", "2"],
        ["trace", "show", "t.json", "--width", "5"],
        ["train", "config", "--preset", "f1", "--base", "b", "--dataset", "d", "-o", "x.yaml", "--nnodes", "0"],
        ["grade", "--gold", "1", "--pred", "1", "--precision", "-1"],
    ];

    [Theory]
    [MemberData(nameof(BadCommandLines))]
    public async Task A_usage_error_exits_2_with_at_most_three_lines_on_stderr_and_nothing_on_stdout(string[] args)
    {
        var run = await CliRun.RunAsync(args);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Output);
        var lines = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.InRange(lines.Length, 1, 3);
        Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^see 'reasonflux( [a-z-]+)* --help'$", lines[^1]);
        if (lines.Length == 3) Assert.Matches(@"^did you mean '[^']+'\?$", lines[1]);
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"`\d", run.Error);
        Assert.DoesNotContain("Did you mean one of", run.Error, StringComparison.Ordinal);
    }

    public static TheoryData<string[]> OutOfRangeLines() => [.. OutOfRange];

    [Theory]
    [MemberData(nameof(OutOfRangeLines))]
    public async Task A_value_out_of_range_names_the_flag_the_user_typed(string[] args)
    {
        var run = await CliRun.RunAsync(args);
        var flag = args.Last(a => a.StartsWith('-'));
        Assert.StartsWith("error: ", run.Error, StringComparison.Ordinal);
        Assert.Contains(flag, run.Error.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misspelt_mode_lists_the_modes_suggests_one_and_points_at_help()
    {
        var run = await CliRun.RunAsync("solve", "x", "--mode", "dirct");
        Assert.Equal(
            "error: --mode must be one of direct, flux (got 'dirct')\ndid you mean 'direct'?\nsee 'reasonflux solve --help'\n",
            run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_misspelt_enum_value_lists_the_values_and_suggests_the_closest()
    {
        var run = await CliRun.RunAsync("serve", "--log-level", "warnin");
        Assert.StartsWith("error: --log-level must be one of trace, debug, information, warning, error, critical, none (got 'warnin')", run.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'warning'?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_library_range_check_is_worded_with_the_flag_and_the_value()
    {
        var run = await CliRun.RunAsync("solve", "x", "--mode", "direct", "--temperature", "3");
        Assert.Equal(
            "error: --temperature must be between 0 and 2 (got 3)\nsee 'reasonflux solve --help'\n",
            run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_misspelt_option_gets_the_real_one_as_suggestion_and_a_help_hint()
    {
        var run = await CliRun.RunAsync("solve", "x", "--max-token", "5");
        Assert.Equal(
            "error: unknown option '--max-token' for 'reasonflux solve'\ndid you mean '--max-tokens'?\nsee 'reasonflux solve --help'\n",
            run.Error.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_misspelt_subcommand_is_suggested()
    {
        var run = await CliRun.RunAsync("templates", "serch", "x");
        Assert.Contains("did you mean 'search'?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_word_that_resembles_nothing_gets_no_suggestion()
    {
        var run = await CliRun.RunAsync("templates", "frobnicate");
        Assert.DoesNotContain("did you mean", run.Error, StringComparison.Ordinal);
        Assert.Equal(2, run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_named_in_words()
    {
        var run = await CliRun.RunAsync("solve", "x", "--max-tokens", "abc");
        Assert.StartsWith("error: --max-tokens expects a whole number, got 'abc'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_not_taken_as_the_problem_text()
    {
        var run = await CliRun.RunAsync("solve", "--bogus");
        Assert.StartsWith("error: unknown option '--bogus'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_outside_the_choices_lists_them_and_suggests_the_closest()
    {
        var run = await CliRun.RunAsync("train", "config", "--stage", "sfx");
        Assert.StartsWith("error: --stage must be one of sft, dpo (got 'sfx')", run.Error, StringComparison.Ordinal);
        Assert.Contains("did you mean 'sft'?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_still_prints_on_stdout_and_exits_0()
    {
        var run = await CliRun.RunAsync("solve", "--help");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--max-tokens", run.Output, StringComparison.Ordinal);
    }

    /// <summary>A value the option's type or choices cannot take, or null for options that take any text.</summary>
    private static string? BadValue(Option option)
    {
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        if (type.IsArray) type = type.GetElementType()!;
        if (type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(float)) return "not-a-number";
        if (type.IsEnum) return "no-such-choice";
        if (type == typeof(bool)) return null;
        var choices = option.GetCompletions(CompletionContext.Empty).Select(c => c.Label).ToList();
        return choices.Count > 0 ? "no-such-choice" : null;
    }

    /// <summary>Every command of the tree with the words that reach it, the root included.</summary>
    private static IEnumerable<(string[] Path, Command Command)> Commands(Command command, string[] path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
            foreach (var found in Commands(sub, [.. path, sub.Name]))
                yield return found;
    }
}

/// <summary>Hints and help name options that exist and say what they mean.</summary>
public sealed class HintTests
{
    [Fact]
    public async Task Max_tokens_help_says_what_it_caps_in_each_mode()
    {
        var run = await CliRun.RunAsync("solve", "--help");
        Assert.Contains("flux: most tokens per model call (default 3072)", run.Output.ReplaceLineEndings(" ").Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_nodes_without_master_addr_names_the_option()
    {
        var run = await CliRun.RunAsync("train", "config", "--preset", "f1", "--stage", "sft", "--base", "b", "--dataset", "d",
            "--out", Path.Combine(Path.GetTempPath(), $"rf-{Guid.NewGuid():N}.yaml"), "--nnodes", "2");
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--master-addr", run.Error, StringComparison.Ordinal);
    }
}
