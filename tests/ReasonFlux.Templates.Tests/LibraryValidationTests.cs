namespace ReasonFlux.Templates.Tests;

public sealed class LibraryValidationTests
{
    private static LibraryFormatException LoadFails(TempDir dir, string content)
    {
        var path = dir.Write("lib.json", content);
        return Assert.Throws<LibraryFormatException>(() => TemplateLibrary.Load(path));
    }

    [Fact]
    public void Reason_flow_given_as_a_string_names_path_and_line()
    {
        using var dir = new TempDir();
        var ex = LoadFails(dir, LibraryJson.Wrap(LibraryJson.Template("A"), LibraryJson.Template("B", "\"just one step\"")));
        var problem = Assert.Single(ex.Problems, p => !p.IsWarning);
        Assert.Equal("$[\"Sequences\"][\"Recurrences\"][1].reason_flow", problem.JsonPath);
        Assert.Equal("expected a list of strings, found a string", problem.Message);
        Assert.Equal(19, problem.Line);
        Assert.Contains("lib.json", ex.Message);
        Assert.Contains("(line 19)", ex.Message);
    }

    [Fact]
    public void A_duplicate_key_is_a_format_error_naming_the_key_and_line()
    {
        using var dir = new TempDir();
        var text = LibraryJson.One("A").Replace("\"template_type\": \"Problem Solving Method\",", "\"template_type\": \"Problem Solving Method\",\n  \"template_type\": \"Again\",");

        var ex = LoadFails(dir, text);

        var problem = Assert.Single(ex.Problems);
        Assert.Contains("template_type", problem.Message);
        Assert.Contains("duplicate", problem.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(problem.Line > 0, problem.ToString());
    }

    [Fact]
    public void A_duplicate_chapter_is_a_format_error()
    {
        using var dir = new TempDir();
        var one = LibraryJson.One("A").Trim();
        var text = "{\n" + one[1..^1].Trim() + ",\n" + one[1..^1].Trim() + "\n}";

        var ex = LoadFails(dir, text);

        Assert.Contains("Sequences", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void An_oversized_field_is_refused_by_location_without_reading_it_into_memory()
    {
        using var dir = new TempDir();
        var huge = new string('x', 50 << 20);
        var text = LibraryJson.One("A").Replace("A method.", huge);
        var path = dir.Write("lib.json", text);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var ex = Assert.Throws<LibraryFormatException>(() => TemplateLibrary.Load(path));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var problem = Assert.Single(ex.Problems);
        Assert.EndsWith("[0].description", problem.JsonPath);
        Assert.Equal(8, problem.Line);
        Assert.Contains("52,428,800 bytes", problem.Message);
        // The file's bytes (50 MB) are read once; no UTF-16 copy, document tree or template of them is made.
        Assert.True(allocated < 120L << 20, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Missing_required_field_is_reported()
    {
        using var dir = new TempDir();
        var ex = LoadFails(dir, LibraryJson.One("A").Replace("\"description\": \"A method.\",", ""));
        Assert.Contains(ex.Problems, p => p.JsonPath.EndsWith("[0].description") && p.Message == "missing required field");
    }

    [Fact]
    public void Empty_required_field_is_reported()
    {
        using var dir = new TempDir();
        var ex = LoadFails(dir, LibraryJson.One(""));
        Assert.Contains(ex.Problems, p => p.JsonPath.EndsWith("[0].template_name") && p.Message == "must not be empty");
    }

    [Fact]
    public void Non_string_item_in_a_list_is_reported_with_its_index()
    {
        using var dir = new TempDir();
        var ex = LoadFails(dir, LibraryJson.Wrap(LibraryJson.Template("A", "[\"ok\", 3]")));
        Assert.Contains(ex.Problems, p => p.JsonPath.EndsWith("[0].reason_flow[1]") && p.Message.Contains("item is a number"));
    }

    [Fact]
    public void Every_problem_is_reported_not_only_the_first()
    {
        using var dir = new TempDir();
        var broken = LibraryJson.Wrap(LibraryJson.Template("", "[]"), LibraryJson.Template("B", "42"));
        var problems = TemplateLibrary.Validate(dir.Write("lib.json", broken));
        Assert.Equal(3, problems.Count(p => !p.IsWarning));
    }

    [Fact]
    public void Invalid_utf8_is_reported_with_its_line()
    {
        using var dir = new TempDir();
        var bytes = System.Text.Encoding.UTF8.GetBytes(LibraryJson.One("A")).ToList();
        var at = LibraryJson.One("A").IndexOf("A method.", StringComparison.Ordinal) + 2; // ASCII before it, so char index = byte index; line 8
        bytes[at] = 0xFF;
        var path = dir.File("lib.json");
        File.WriteAllBytes(path, [.. bytes]);
        var ex = Assert.Throws<LibraryFormatException>(() => TemplateLibrary.Load(path));
        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith("invalid UTF-8", problem.Message);
        Assert.Equal(8, problem.Line);
    }

    [Fact]
    public void Truncated_file_is_reported_as_truncated()
    {
        using var dir = new TempDir();
        var full = LibraryJson.One("A");
        var ex = LoadFails(dir, full[..(full.Length / 2)]);
        Assert.StartsWith("truncated file", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void Syntax_error_is_reported_with_its_line()
    {
        using var dir = new TempDir();
        var ex = LoadFails(dir, LibraryJson.One("A").Replace("\"A method.\",", "\"A method.\" oops,"));
        var problem = Assert.Single(ex.Problems);
        Assert.StartsWith("not valid JSON", problem.Message);
        Assert.Equal(8, problem.Line);
    }

    [Fact]
    public void Wrong_top_level_shape_is_reported()
    {
        using var dir = new TempDir();
        var ex = LoadFails(dir, "[1, 2]");
        Assert.Contains("expected an object of chapters", Assert.Single(ex.Problems).Message);
    }

    [Fact]
    public void Section_that_is_not_a_list_is_reported()
    {
        using var dir = new TempDir();
        var ex = LoadFails(dir, """{"Algebra": {"Linear": {"x": 1}}}""");
        var problem = Assert.Single(ex.Problems);
        Assert.Equal("$[\"Algebra\"][\"Linear\"]", problem.JsonPath);
        Assert.Equal(1, problem.Line);
    }

    [Fact]
    public void Empty_file_is_reported()
    {
        using var dir = new TempDir();
        Assert.Equal("the file is empty", Assert.Single(LoadFails(dir, "  \n").Problems).Message);
    }

    [Fact]
    public void Example_of_the_wrong_type_is_reported()
    {
        using var dir = new TempDir();
        var json = LibraryJson.One("A").Replace("\"example_application\": {", "\"example_application\": [{").Replace("\"16\"}", "\"16\"}]");
        var ex = LoadFails(dir, json);
        Assert.Contains(ex.Problems, p => p.JsonPath.EndsWith(".example_application") && p.Message == "expected a string or an object, found a list");
    }

    [Fact]
    public void Duplicate_names_are_a_warning_not_an_error()
    {
        using var dir = new TempDir();
        var library = TemplateLibrary.Load(dir.Write("lib.json", LibraryJson.Wrap(LibraryJson.Template("Same"), LibraryJson.Template("Same"))));
        Assert.Equal(["same", "same-2"], library.Templates.Select(t => t.Id));
        Assert.True(Assert.Single(library.Warnings).IsWarning);
    }

    [Fact]
    public void Duplicate_name_warning_names_the_line_of_the_second_copy()
    {
        using var dir = new TempDir();
        var path = dir.Write("lib.json", LibraryJson.Wrap(LibraryJson.Template("Same"), LibraryJson.Template("Same")));
        var warning = Assert.Single(TemplateLibrary.Load(path).Warnings);
        var lines = File.ReadAllLines(path);
        Assert.Contains("\"Same\"", lines[warning.Line - 1], StringComparison.Ordinal);
        Assert.True(warning.Line > Array.FindIndex(lines, l => l.Contains("\"Same\"", StringComparison.Ordinal)) + 1);
    }
}
