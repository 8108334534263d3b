using System.Text.Json.Nodes;

namespace ReasonFlux.Templates.Tests;

public sealed class TemplateLibraryTests
{
    [Fact]
    public void Loads_all_420_templates_of_the_first_release()
    {
        var library = TemplateLibrary.Load(SharedData.OfficialLibrary);
        Assert.Equal(420, library.Templates.Count);
        Assert.Equal(18, library.Templates.Select(t => t.Chapter).Distinct().Count());
    }

    [Fact]
    public void Loads_the_upstream_head_file_with_seven_fields()
    {
        var library = TemplateLibrary.Load(SharedData.UpstreamHeadLibrary);
        Assert.Equal(420, library.Templates.Count);
        Assert.All(library.Templates, t => Assert.Null(t.FilePath));
    }

    [Fact]
    public void Round_trips_the_official_file_without_changing_anything()
    {
        using var dir = new TempDir();
        var library = TemplateLibrary.Load(SharedData.OfficialLibrary);
        var saved = dir.File("saved.json");
        library.Save(saved);

        var original = JsonNode.Parse(File.ReadAllText(SharedData.OfficialLibrary));
        var roundTripped = JsonNode.Parse(File.ReadAllText(saved));
        Assert.True(JsonNode.DeepEquals(original, roundTripped));
    }

    [Fact]
    public void Keeps_both_copies_of_duplicate_names_with_distinct_ids_and_warns()
    {
        var library = TemplateLibrary.Load(SharedData.OfficialLibrary);
        var duplicates = library.Templates.GroupBy(t => t.Name).Where(g => g.Count() > 1).ToList();
        Assert.Equal(7, duplicates.Count);
        Assert.Equal(library.Templates.Count, library.Templates.Select(t => t.Id).Distinct().Count());
        Assert.Equal(7, library.Warnings.Count(w => w.Message.Contains("duplicate template name")));
    }

    [Fact]
    public void Ids_are_stable_across_loads()
    {
        var a = TemplateLibrary.Load(SharedData.OfficialLibrary).Templates.Select(t => t.Id);
        var b = TemplateLibrary.Load(SharedData.UpstreamHeadLibrary).Templates.Select(t => t.Id);
        Assert.Equal(a, b);
    }

    [Fact]
    public void Normalises_object_examples_with_varying_keys()
    {
        var library = TemplateLibrary.Load(SharedData.OfficialLibrary);
        var first = library.Templates[0];
        Assert.StartsWith("Given the function y=x²+ax+3-a", first.ExampleProblem);
        Assert.Equal("a ∈ [-5, 2√2-2]", first.ExampleAnswer);
        Assert.Contains("[Type Judgment]", first.ExampleSolution);
        Assert.Equal(3, first.Scenarios.Count);
        Assert.Equal(6, first.Steps.Count);
    }

    [Fact]
    public void Splits_prose_examples_into_problem_and_solution()
    {
        var (problem, solution, _) = TemplateFields.SplitExample(JsonValue.Create("Example: Find the domain of y=√(1−x)\\n\\nSolution Steps:\\n1. Require 1−x ≥ 0"));
        Assert.Equal("Find the domain of y=√(1−x)", problem);
        Assert.StartsWith("Solution Steps:", solution);
    }

    [Fact]
    public void Most_official_templates_expose_an_example_problem()
    {
        var library = TemplateLibrary.Load(SharedData.OfficialLibrary);
        Assert.True(library.Templates.Count(t => !string.IsNullOrWhiteSpace(t.ExampleProblem)) >= 400);
    }

    [Fact]
    public void Content_hash_changes_when_a_template_changes()
    {
        using var dir = new TempDir();
        var path = dir.Write("a.json", LibraryJson.One("Alpha"));
        var before = TemplateLibrary.Load(path).ContentHash;
        Assert.Equal(before, TemplateLibrary.Load(path).ContentHash);
        dir.Write("a.json", LibraryJson.One("Beta"));
        Assert.NotEqual(before, TemplateLibrary.Load(path).ContentHash);
    }

    [Fact]
    public void Missing_file_throws_file_not_found_naming_the_path()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => TemplateLibrary.Load("/nonexistent/lib.json"));
        Assert.Contains("/nonexistent/lib.json", ex.Message);
    }
}
