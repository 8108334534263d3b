using System.Text.Json;

namespace ReasonFlux.Cli.Tests;

/// <summary>Every --json output uses one style: snake_case keys and readable (not \u-escaped) text.</summary>
public sealed class JsonOutputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-cli-json-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<string[]> JsonCommands() => new()
    {
        new[] { "templates", "stats", "--json" },
        new[] { "templates", "search", "x^2 + 1 < 3, \"quoted\"", "--json" },
        new[] { "templates", "list", "--json" },
        new[] { "grade", "--gold", "x+1", "--pred", "The answer is $x+1 < 2$", "--json" },
    };

    [Theory]
    [MemberData(nameof(JsonCommands))]
    public async Task Json_keys_are_snake_case_and_text_is_not_unicode_escaped(string[] args)
    {
        var run = await CliRun.RunAsync(args);
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        Assert.All(Keys(doc.RootElement), k => Assert.Matches("^[a-z0-9_@]+$", k));
        Assert.DoesNotMatch(@"\\u00(22|2B|3C|3E|26|27)", run.Output);
    }

    [Fact]
    public async Task Models_list_json_names_the_cache_dir_in_snake_case()
    {
        var run = await CliRun.RunAsync("models", "list", "--json", "--cache-dir", _dir);
        using var doc = JsonDocument.Parse(run.Output);
        Assert.True(doc.RootElement.TryGetProperty("cache_dir", out _));
    }

    [Fact]
    public async Task Templates_stats_text_reads_as_words_not_a_record_dump()
    {
        var run = await CliRun.RunAsync("templates", "stats");
        Assert.Contains("description chars: mean ", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("{ mean =", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_of_a_wrong_id_suggests_close_ids()
    {
        var run = await CliRun.RunAsync("templates", "show", "characteristic-equation");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("did you mean characteristic-equation-for-linear-recurrences?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Counts_of_one_are_singular()
    {
        Assert.Equal("1 sample", Quantity.Of(1, "sample"));
        Assert.Equal("2 problems", Quantity.Of(2, "problem"));
        Assert.Equal("1,200 queries", Quantity.Of(1200, "query", "queries"));
    }

    private static IEnumerable<string> Keys(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => IsDataMap(p.Name) ? [] : Keys(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Keys),
        _ => [],
    };

    // Maps keyed by data (chapter names, tags) rather than by field names.
    private static bool IsDataMap(string name) => name is "chapters" or "types" or "top_tags";
}
