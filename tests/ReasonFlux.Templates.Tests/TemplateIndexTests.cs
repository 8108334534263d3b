namespace ReasonFlux.Templates.Tests;

public sealed class TemplateIndexTests(OfficialIndexFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void First_build_embeds_every_distinct_text_once()
    {
        Assert.False(fixture.Index.LoadedFromCache);
        Assert.Equal(fixture.TextsEmbeddedByFirstBuild, fixture.Index.EmbeddedTexts);
        Assert.InRange(fixture.Index.EmbeddedTexts, 420, 2000);
        Assert.Equal(384, fixture.Index.Dimensions);
    }

    [Fact]
    public async Task Second_build_loads_from_cache_and_embeds_nothing()
    {
        var embedder = new CountingEmbedder(Embedders.MiniLm());
        var index = await TemplateIndex.BuildAsync(fixture.Library, embedder, fixture.Options, Ct);
        Assert.True(index.LoadedFromCache);
        Assert.Equal(0, embedder.Calls);
    }

    [Fact]
    public async Task Cached_index_ranks_exactly_like_the_fresh_one()
    {
        var cached = await TemplateIndex.BuildAsync(fixture.Library, Embedders.MiniLm(), fixture.Options, Ct);
        var a = await fixture.Index.SearchAsync("probability of drawing two red balls without replacement", 5, Ct);
        var b = await cached.SearchAsync("probability of drawing two red balls without replacement", 5, Ct);
        Assert.Equal(a.Select(h => (h.Template.Id, h.Score)), b.Select(h => (h.Template.Id, h.Score)));
    }

    [Fact]
    public async Task Changed_library_rebuilds_only_the_changed_template()
    {
        using var dir = new TempDir();
        var text = File.ReadAllText(SharedData.OfficialLibrary);
        var name = fixture.Library.Templates[5].Name;
        var changed = dir.Write("changed.json", text.Replace($"\"template_name\": \"{name}\"", $"\"template_name\": \"{name} (revised)\"", StringComparison.Ordinal));
        var embedder = new CountingEmbedder(Embedders.MiniLm());
        var index = await TemplateIndex.BuildAsync(TemplateLibrary.Load(changed), embedder, fixture.Options, Ct);
        Assert.False(index.LoadedFromCache);
        Assert.Equal(2, embedder.Texts); // the new name and the new flat text
    }

    [Fact]
    public async Task Build_reports_each_embedding_batch_up_to_all_texts_and_nothing_from_a_full_cache()
    {
        using var dir = new TempDir();
        var small = TemplateLibrary.Load(dir.Write("one.json", LibraryJson.One("Vieta's formulas for the roots of a quadratic")));
        var reports = new List<(int Done, int Total)>();
        var embedder = new CountingEmbedder(Embedders.MiniLm());
        var options = fixture.Options with { ModelId = $"progress-{Guid.NewGuid():N}", BatchSize = 1, Progress = new SyncProgress(reports.Add) };
        await TemplateIndex.BuildAsync(small, embedder, options, Ct);
        Assert.True(reports.Count > 1, $"{reports.Count} reports");
        Assert.Equal(Enumerable.Range(1, reports.Count).Select(i => (i, embedder.Texts)), reports);

        reports.Clear();
        await TemplateIndex.BuildAsync(small, embedder, options, Ct);
        Assert.Empty(reports);
    }

    private sealed class SyncProgress(Action<(int, int)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }

    [Fact]
    public async Task Changed_model_id_does_not_reuse_vectors()
    {
        using var dir = new TempDir();
        var small = TemplateLibrary.Load(dir.Write("one.json", LibraryJson.One("Characteristic equation of a linear recurrence")));
        var embedder = new CountingEmbedder(Embedders.MiniLm());
        await TemplateIndex.BuildAsync(small, embedder, fixture.Options with { ModelId = "model-a" }, Ct);
        embedder.Reset();
        await TemplateIndex.BuildAsync(small, embedder, fixture.Options with { ModelId = "model-b" }, Ct);
        Assert.True(embedder.Texts > 0);
    }

    [Fact]
    public async Task Flat_search_scores_are_sorted_and_bounded()
    {
        var hits = await fixture.Index.SearchAsync("find the derivative and the intervals where the function increases", 10, Ct);
        Assert.Equal(10, hits.Count);
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.All(hits, h => Assert.InRange(h.Score, -1.0001f, 1.0001f));
    }

    [Theory]
    [InlineData("Find the equation of the tangent line to y = x^3 at the point (1, 1)", "Finding the Tangent Line of a Curve")]
    [InlineData("Use the derivative to find the intervals where f(x) = x^3 - 3x is increasing or decreasing", "Four-Step Method for Studying Function Monotonicity Using Derivatives")]
    [InlineData("Find the sum of the first n terms of the geometric sequence 2, 6, 18, ...", "Application of the Sum Formula for the First n Terms of a Geometric Sequence")]
    public async Task Flat_search_finds_the_obvious_template_in_the_top_5(string query, string expected)
    {
        var hits = await fixture.Index.SearchAsync(query, 5, Ct);
        Assert.Contains(hits, h => h.Template.Name == expected);
    }

    [Fact]
    public async Task Hierarchical_search_follows_chapter_then_section_then_method()
    {
        var hits = await fixture.Index.SearchHierarchicalAsync("Derivatives of functions", "Derivative operations", "Finding the Tangent Line of a Curve", 3, Ct);
        Assert.Equal("Finding the Tangent Line of a Curve", hits[0].Template.Name);
        Assert.All(hits, h => Assert.Equal("Derivatives of Univariate Functions and Their Applications", h.Template.Chapter));
    }

    [Fact]
    public async Task Both_copies_of_a_duplicate_name_are_retrievable()
    {
        var duplicate = fixture.Library.Templates.GroupBy(t => t.Name).First(g => g.Count() > 1).Key;
        var hits = await fixture.Index.SearchAsync(duplicate, 20, Ct);
        Assert.Equal(2, hits.Count(h => h.Template.Name == duplicate));
    }

    [Fact]
    public async Task Empty_library_is_rejected()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => TemplateIndex.BuildAsync(TemplateLibrary.FromTemplates([], "empty"), Embedders.MiniLm(), fixture.Options, Ct));
        Assert.Contains("empty", ex.Message);
    }
}
