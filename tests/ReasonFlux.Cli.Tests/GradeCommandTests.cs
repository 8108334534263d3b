using System.Text.Json;

namespace ReasonFlux.Cli.Tests;

public sealed class GradeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-grade-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Single_comparison_prints_equivalent_and_both_extracted_answers()
    {
        var (code, output, _) = await RunAsync("grade", "--gold", "\\frac{1}{2}", "--pred", "So the answer is $\\boxed{0.5}$.");
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("equivalent", lines[0]);
        Assert.Contains("0.5  [boxed]", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Single_comparison_of_different_answers_prints_different_and_exits_zero()
    {
        var (code, output, _) = await RunAsync("grade", "--gold", "33", "--pred", "The answer is 34.");
        Assert.Equal(0, code);
        Assert.StartsWith("different", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_single_comparison_is_one_object_with_rules()
    {
        var (code, output, _) = await RunAsync("grade", "--gold", "B", "--pred", "Answer: (B)", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.True(doc.RootElement.GetProperty("equivalent").GetBoolean());
        Assert.Equal("choice-answer-colon", doc.RootElement.GetProperty("pred").GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Integer_kind_reads_leading_zeros()
    {
        var (code, output, _) = await RunAsync("grade", "--gold", "33", "--pred", "\\boxed{033}", "--kind", "integer");
        Assert.Equal(0, code);
        Assert.StartsWith("equivalent", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_pred_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("grade", "--gold", "1");
        Assert.Equal(2, code);
        Assert.Contains("--pred", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_kind_is_a_usage_error()
    {
        var (code, _, _) = await RunAsync("grade", "--gold", "1", "--pred", "1", "--kind", "essay");
        Assert.NotEqual(0, code);
    }

    [Fact]
    public async Task Cases_file_summary_counts_agreement_per_category_and_honours_precision()
    {
        var file = Path.Combine(_dir, "cases.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"gold":"1/3","pred":"0.333","expected":true,"category":"precision","precision":3}""",
            """{"gold":"1/3","pred":"0.333","expected":false,"category":"precision","precision":4}""",
            """{"gold":"\\frac{1}{2}","pred":"0.5","expected":true,"category":"fraction"}""",
            """{"gold":"2","pred":"3","expected":true,"category":"fraction"}""",
        ], TestContext.Current.CancellationToken);
        var (code, output, _) = await RunAsync("grade", "--cases", file, "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("total").GetInt32());
        Assert.Equal(3, root.GetProperty("agree").GetInt32());
        Assert.Equal(2, root.GetProperty("by_category").GetProperty("precision").GetProperty("agree").GetInt32());
        Assert.Equal(1, root.GetProperty("by_category").GetProperty("fraction").GetProperty("agree").GetInt32());
        Assert.True(root.GetProperty("cases_per_second").GetDouble() > 0);
    }

    [Fact]
    public async Task Malformed_lines_are_reported_with_line_number_and_do_not_stop_the_run()
    {
        var file = Path.Combine(_dir, "bad.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"gold":"1","pred":"1","expected":true}""",
            """{"gold":"1","pred":""",
            """{"gold":"1"}""",
            """{"gold":"2","pred":"2","expected":true}""",
        ], TestContext.Current.CancellationToken);
        var (code, output, error) = await RunAsync("grade", "--cases", file, "--json");
        Assert.Equal(0, code);
        Assert.Contains("bad.jsonl:2:", error, StringComparison.Ordinal);
        Assert.Contains("bad.jsonl:3: field \"pred\"", error, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(2, doc.RootElement.GetProperty("malformed").GetInt32());
        Assert.Equal(2, doc.RootElement.GetProperty("agree").GetInt32());
    }

    [Fact]
    public async Task Lines_with_lone_surrogates_or_odd_shapes_are_reported_and_do_not_stop_the_run()
    {
        var file = Path.Combine(_dir, "odd.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"gold":"\ud800","pred":"1"}""",
            """{"gold":"1","pred":"1","category":"\udc00x"}""",
            """[{"gold":"1","pred":"1"}]""",
            """{"gold":1,"pred":"1"}""",
            string.Concat(Enumerable.Repeat("[", 100)) + string.Concat(Enumerable.Repeat("]", 100)),
            """{"gold":"3","pred":"3","expected":true}""",
        ], TestContext.Current.CancellationToken);

        var (code, output, error) = await RunAsync("grade", "--cases", file, "--json");

        Assert.True(code == 0, error);
        // Lone surrogate escapes are valid JSON and hostile replies the grader must grade: lines 1 and 2 are graded.
        Assert.DoesNotContain("odd.jsonl:1: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("odd.jsonl:2: ", error, StringComparison.Ordinal);
        Assert.Contains("odd.jsonl:3: ", error, StringComparison.Ordinal);
        Assert.Contains("odd.jsonl:5: ", error, StringComparison.Ordinal);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(3, doc.RootElement.GetProperty("malformed").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("agree").GetInt32());
    }

    [Fact]
    public async Task Out_file_gets_one_verdict_per_case()
    {
        var file = Path.Combine(_dir, "cases.jsonl");
        var outFile = Path.Combine(_dir, "verdicts.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"gold":"x^2+2x+1","pred":"(x+1)^2","expected":true,"category":"symbolic"}""",
            """{"gold":"[0,1)","pred":"(0,1)","expected":false,"category":"interval"}""",
        ], TestContext.Current.CancellationToken);
        var (code, output, _) = await RunAsync("grade", "--cases", file, "--out", outFile);
        Assert.Equal(0, code);
        Assert.Contains("agreement with expected: 2/2", output, StringComparison.Ordinal);
        var lines = await File.ReadAllLinesAsync(outFile, TestContext.Current.CancellationToken);
        Assert.Equal(2, lines.Length);
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(2, second.RootElement.GetProperty("line").GetInt32());
        Assert.True(second.RootElement.GetProperty("agree").GetBoolean());
    }

    [Fact]
    public async Task Missing_cases_file_is_a_usage_error_naming_the_file()
    {
        var (code, _, error) = await RunAsync("grade", "--cases", Path.Combine(_dir, "nope.jsonl"));
        Assert.Equal(2, code);
        Assert.Contains("nope.jsonl", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Misses_lists_only_the_disagreeing_lines_with_gold_extracted_answer_and_reason()
    {
        var file = Path.Combine(_dir, "corpus.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"id":"a","gold":"18","reply":"She makes 9 * 2 = 18 dollars.\nA: 18","expected":true,"benchmark":"GSM8K"}""",
            """{"id":"b","gold":"7","reply":"So the answer is $\\boxed{8}$.","expected":true,"benchmark":"MATH"}""",
            "",
            """{"id":"c","gold":"\\frac{1}{2}","reply":"The answer is $\\boxed{0.5}$.","expected":false,"benchmark":"MATH"}""",
        ], TestContext.Current.CancellationToken);
        var (code, output, _) = await RunAsync("grade", "--cases", file, "--misses");
        Assert.Equal(0, code);
        Assert.Contains("agreement with expected: 1/3", output, StringComparison.Ordinal);
        Assert.Contains("  GSM8K: 1/1", output, StringComparison.Ordinal);
        Assert.Contains("misses: 2 of 3 cases with an expected verdict", output, StringComparison.Ordinal);
        var missLines = output.Split('\n').Where(l => l.StartsWith("line ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, missLines.Count);
        Assert.NotEmpty(ReasonOf(missLines[0]));
        Assert.Equal("line 2 (b): expected equivalent, graded different | gold: 7 | extracted: 8 [boxed] | reason: " + ReasonOf(missLines[0]), missLines[0]);
        Assert.StartsWith("line 4 (c): expected different, graded equivalent | gold: \\frac{1}{2} | extracted: 0.5 [boxed] | reason: ", missLines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("line 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Misses_make_control_characters_from_the_data_visible()
    {
        var file = Path.Combine(_dir, "hostile.jsonl");
        var gold = "\u001b]0;owned\u0007\u001b[2J1\u202e";
        var line = JsonSerializer.Serialize(new { gold, pred = "The answer is \\boxed{5\u001b[31m}\n\u0000", expected = true });
        await File.WriteAllTextAsync(file, line + "\n", TestContext.Current.CancellationToken);
        var (code, output, _) = await RunAsync("grade", "--cases", file, "--misses");
        Assert.Equal(0, code);
        var miss = Assert.Single(output.Split('\n'), l => l.StartsWith("line 1:", StringComparison.Ordinal));
        Assert.DoesNotContain(miss, c => char.IsControl(c) || c == '\u202e');
        Assert.Contains("gold: ␛]0;owned␇␛[2J1<U+202E> |", miss, StringComparison.Ordinal);
        Assert.Contains("extracted: 5", miss, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Misses_in_json_is_an_array_with_line_and_extracted_answer()
    {
        var file = Path.Combine(_dir, "cases.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            """{"gold":"2","pred":"The answer is 3.","expected":true}""",
            """{"gold":"2","pred":"The answer is 2.","expected":true}""",
        ], TestContext.Current.CancellationToken);
        var (code, output, _) = await RunAsync("grade", "--cases", file, "--misses", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var miss = Assert.Single(doc.RootElement.GetProperty("misses").EnumerateArray());
        Assert.Equal(1, miss.GetProperty("line").GetInt32());
        Assert.Equal("3", miss.GetProperty("extracted").GetString());
        Assert.False(miss.GetProperty("equivalent").GetBoolean());
    }

    [Fact]
    public async Task Misses_without_cases_is_a_usage_error()
    {
        var (code, _, error) = await RunAsync("grade", "--gold", "1", "--pred", "1", "--misses");
        Assert.Equal(2, code);
        Assert.Contains("--misses needs --cases", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Misses_on_the_real_replies_corpus_name_only_lines_whose_verdict_differs()
    {
        var corpus = RepoFile("bench/ReasonFlux.Benchmarks/Data/real-replies/real-replies.jsonl");
        var (code, output, _) = await RunAsync("grade", "--cases", corpus, "--misses", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var lines = await File.ReadAllLinesAsync(corpus, TestContext.Current.CancellationToken);
        Assert.Equal(lines.Length, root.GetProperty("with_expected").GetInt32());
        var misses = root.GetProperty("misses").EnumerateArray().ToList();
        Assert.Equal(root.GetProperty("with_expected").GetInt32() - root.GetProperty("agree").GetInt32(), misses.Count);
        foreach (var miss in misses)
        {
            using var row = JsonDocument.Parse(lines[miss.GetProperty("line").GetInt32() - 1]);
            Assert.Equal(row.RootElement.GetProperty("id").GetString(), miss.GetProperty("id").GetString());
            Assert.Equal(row.RootElement.GetProperty("expected").GetBoolean(), miss.GetProperty("expected").GetBoolean());
            Assert.NotEqual(miss.GetProperty("expected").GetBoolean(), miss.GetProperty("equivalent").GetBoolean());
        }
    }

    private static string ReasonOf(string missLine) => missLine[(missLine.IndexOf("| reason: ", StringComparison.Ordinal) + "| reason: ".Length)..];

    private static string RepoFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{relative} not found above {AppContext.BaseDirectory}");
    }
}
