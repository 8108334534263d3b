using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Grading;
using ReasonFlux.Tests;

namespace ReasonFlux.Evaluation.Tests;

public sealed class BenchmarkLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rf-eval-load-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Benchmark Shared(string name) => BenchmarkLoader.Load(BenchmarkCatalog.Find(name)!, SharedData.Path($"benchmarks/{name}.jsonl"));

    [Fact]
    public void Math500_loads_500_problems_with_subject_level_and_its_catalog_checksum()
    {
        var b = Shared("math500");
        Assert.Equal(500, b.Problems.Count);
        Assert.Equal(BenchmarkCatalog.Find("math500")!.Sha256, b.Sha256);
        Assert.All(b.Problems, p => Assert.InRange(p.Level ?? 0, 1, 5));
        Assert.Equal(7, b.Problems.Select(p => p.Subject).Distinct().Count());
    }

    [Fact]
    public void Gsm8k_gold_is_the_number_after_the_hash_marks()
    {
        var b = Shared("gsm8k");
        Assert.Equal(1319, b.Problems.Count);
        Assert.Equal("18", b.Problems[0].Answer);
    }

    [Fact]
    public void Amc23_numeric_answers_read_as_integers()
    {
        var b = Shared("amc23");
        Assert.Equal("27", b.Problems[0].Answer);
    }

    [Fact]
    public void Bad_jsonl_line_error_names_file_line_and_field()
    {
        var path = Path.Combine(_dir, "bad.jsonl");
        File.WriteAllLines(path, ["{\"q\":\"1+1\",\"a\":\"2\"}", "{\"q\":\"2+2\"}"]);
        var ex = Assert.Throws<BenchmarkFormatException>(() => BenchmarkLoader.LoadJsonl(path, "bad", new JsonlFields("q", "a")));
        Assert.Equal($"{path}:2: field 'a'", ex.Location);
        Assert.True(ex.IsMissingField);
        Assert.Equal($"{path}:2: field 'a': missing (the record has no such field; map another one to it)", ex.Message);
    }

    [Fact]
    public void Invalid_json_error_names_the_line()
    {
        var path = Path.Combine(_dir, "broken.jsonl");
        File.WriteAllLines(path, ["{\"problem\":\"x\",\"answer\":\"1\"}", "", "{not json"]);
        var ex = Assert.Throws<BenchmarkFormatException>(() => BenchmarkLoader.LoadJsonl(path, "b", JsonlFields.Default));
        Assert.StartsWith($"{path}:3: not valid JSON", ex.Message);
    }

    [Fact]
    public void Gpqa_csv_shuffles_choices_per_question_and_the_gold_letter_points_at_the_correct_answer()
    {
        var path = Path.Combine(_dir, "gpqa_diamond.csv");
        File.WriteAllText(path,
            "Record ID,Question,Correct Answer,Incorrect Answer 1,Incorrect Answer 2,Incorrect Answer 3,High-level domain\r\n" +
            "rec1,\"What is 2+2?\nThink, then answer.\",four,five,six,\"seven, \"\"exactly\"\"\",Physics\r\n" +
            "rec2,Which gas?,helium,neon,argon,xenon,Chemistry\r\n\r\n");
        var b = GpqaCsv.Load(path);
        Assert.Equal(2, b.Problems.Count);
        var first = b.Problems[0];
        Assert.Equal(AnswerKind.Choice, first.Kind);
        Assert.Contains("What is 2+2?\nThink, then answer.", first.Problem);
        Assert.Contains($"{first.Answer}) four", first.Problem);
        Assert.Contains("seven, \"exactly\"", first.Problem);
        Assert.Contains($"{b.Problems[1].Answer}) helium", b.Problems[1].Problem);
        Assert.Equal(first.Problem, GpqaCsv.Load(path).Problems[0].Problem); // same order every time
    }

    [Fact]
    public void Gpqa_csv_without_the_official_columns_is_refused_naming_the_column()
    {
        var path = Path.Combine(_dir, "g.csv");
        File.WriteAllText(path, "Question,Answer\nq,a\n");
        var ex = Assert.Throws<BenchmarkFormatException>(() => GpqaCsv.Load(path));
        Assert.Contains("field 'Correct Answer'", ex.Message);
    }
}
