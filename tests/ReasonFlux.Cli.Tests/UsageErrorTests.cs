using System.CommandLine;

namespace ReasonFlux.Cli.Tests;

/// <summary>Every command answers a wrong command line as the README promises: exit 2, a short error on stderr only.</summary>
public sealed class UsageErrorTests
{
    public static TheoryData<string[]> BadCommandLines()
    {
        var data = new TheoryData<string[]>
        {
            new[] { "frobnicate" },
            new[] { "solv", "x" },
            Array.Empty<string>(),
            new[] { "templates" },
            new[] { "templates", "frob" },
            new[] { "templates", "show" },
            new[] { "solve", "x", "--max-tokens", "abc" },
            new[] { "solve", "x", "--temperature", "hot" },
            new[] { "solve", "--bogus" },
            new[] { "eval", "--samples" },
            new[] { "train", "config", "--stage", "xyz" },
            new[] { "grade", "--kind", "mth" },
        };
        foreach (var (path, command) in LeafCommands(CliApp.Build(), []))
        {
            data.Add([.. path, "--no-such-option"]);
            var numeric = command.Options.FirstOrDefault(o => IsNumber(o.ValueType));
            if (numeric is not null) data.Add([.. path, numeric.Name, "not-a-number"]);
            var valued = command.Options.FirstOrDefault(o => o.ValueType != typeof(bool) && o.Name != "--help");
            if (valued is not null) data.Add([.. path, valued.Name]);
        }
        return data;
    }

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
        Assert.DoesNotContain("System.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("`1", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Did you mean one of", run.Error, StringComparison.Ordinal);
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

    private static bool IsNumber(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float);
    }

    private static IEnumerable<(string[] Path, Command Command)> LeafCommands(Command command, string[] path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return (path, command);
            yield break;
        }
        foreach (var sub in command.Subcommands)
            foreach (var leaf in LeafCommands(sub, [.. path, sub.Name]))
                yield return leaf;
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
