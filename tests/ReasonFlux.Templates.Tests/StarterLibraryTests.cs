namespace ReasonFlux.Templates.Tests;

public sealed class StarterLibraryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Starter_library_validates_with_at_least_60_templates_and_no_warnings()
    {
        var library = TemplateLibrary.LoadStarter();
        Assert.True(library.Templates.Count >= 60);
        Assert.Empty(library.Warnings);
    }

    [Fact]
    public void Starter_library_covers_the_seven_topics_with_worked_examples()
    {
        var library = TemplateLibrary.LoadStarter();
        Assert.Equal(
            ["Algebra", "Combinatorics and Probability", "Functions and Calculus", "Geometry", "Inequalities", "Number Theory", "Sequences and Series"],
            library.Templates.Select(t => t.Chapter).Distinct().Order());
        Assert.All(library.Templates, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.ExampleProblem));
            Assert.False(string.IsNullOrWhiteSpace(t.ExampleSolution));
            Assert.False(string.IsNullOrWhiteSpace(t.ExampleAnswer));
        });
    }

    [Theory]
    [InlineData("a_1 = 1, a_2 = 4 and a_{n+2} = 4a_{n+1} - 4a_n. Find a closed form for a_n.", "characteristic-equation-for-linear-recurrences")]
    [InlineData("What is the remainder when 2^2024 is divided by 7?", "modular-arithmetic-for-remainders-of-large-powers")]
    [InlineData("Minimize x + 9/x for positive x", "am-gm-inequality-for-optimisation")]
    [InlineData("A test for a rare disease is positive; what is the probability the person is actually ill?", "conditional-probability-and-bayes-theorem")]
    [InlineData("Find the area of the triangle with sides 5, 12, 13 and its inradius", "area-of-a-triangle-by-several-formulas")]
    [InlineData("How many ways can 5 people sit around a round table?", "circular-arrangements-and-arrangements-with-restrictions")]
    [InlineData("Prove that the square root of 2 is irrational.", "proof-by-contradiction-for-irrationality-and-impossibility")]
    [InlineData("How many trailing zeros does 200! have?", "legendre-s-formula-for-prime-powers-in-n")]
    public async Task Search_finds_the_obvious_starter_template(string query, string expectedId)
    {
        var index = await TemplateIndex.BuildAsync(TemplateLibrary.LoadStarter(), Embedders.MiniLm(), new TemplateIndexOptions { CacheDirectory = StarterCache.Dir }, Ct);
        var hits = await index.SearchAsync(query, 3, Ct);
        Assert.Contains(hits, h => h.Template.Id == expectedId);
    }

    [Fact]
    public async Task Eval_retrieval_reports_consistent_metrics_on_the_starter_library()
    {
        var report = await RetrievalEvaluation.RunAsync(TemplateLibrary.LoadStarter(), Embedders.MiniLm(), new TemplateIndexOptions { CacheDirectory = StarterCache.Dir }, Ct);
        Assert.Equal(TemplateLibrary.LoadStarter().Templates.Count, report.Queries);
        Assert.InRange(report.RecallAt1, 0.3, report.RecallAt5);
        Assert.InRange(report.Mrr, report.RecallAt1, report.RecallAt5);
    }

    private static class StarterCache
    {
        // One cache for the class: the starter index is embedded once and reused by every case.
        public static readonly string Dir = Directory.CreateTempSubdirectory("rf-starter-cache-").FullName;
    }
}
