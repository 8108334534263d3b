using ReasonFlux.Templates.Indexing;

namespace ReasonFlux.Templates.Tests;

public sealed class ScoringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Template(string name, string description, string scenarios) => $$"""
        {
          "template_name": "{{name}}",
          "template_type": "Problem Solving Method",
          "knowledge_tag": ["Mathematics"],
          "description": "{{description}}",
          "application_scenario": {{scenarios}},
          "reason_flow": ["Set up", "Solve"],
          "example_application": {"example_problem": "Not indexed.", "solution_steps": ["None"], "final_answer": "0"}
        }
        """;

    private static TemplateLibrary SmallLibrary(TempDir dir) => TemplateLibrary.Load(dir.Write("small.json", LibraryJson.Wrap(
        Template("Characteristic equation", "Solve a linear recurrence through the roots of its characteristic polynomial.", """["Fibonacci-like sequences", "Closed form of a_n from a_{n+2} = p a_{n+1} + q a_n"]"""),
        Template("Inclusion-exclusion", "Count the union of overlapping sets by adding and subtracting intersections.", """["Counting integers divisible by 2, 3 or 5", "Derangements of letters"]"""),
        Template("Tangent line", "Use the derivative at a point as the slope of the tangent line.", """["Equation of the tangent to a curve", "Normal line through a point of a graph"]"""))));

    [Fact]
    public void Bm25_ranks_the_document_sharing_the_rare_word_first_and_folds_plurals()
    {
        var index = new LexicalIndex(["the sum of a geometric series", "counting derangements of letters", "a series of sums"]);
        var scores = index.Scores("How many derangements are there?");
        Assert.True(scores[1] > 0);
        Assert.Equal(0, scores[0]);
        Assert.Equal(0, scores[2]);
        var plural = index.Scores("geometric sequences and series");
        Assert.Equal(0, Array.IndexOf(plural, plural.Max()));
        Assert.True(plural[2] > 0, "'series' matches the third document too");
    }

    [Fact]
    public void Reciprocal_rank_fusion_prefers_agreement_over_one_first_place()
    {
        double[] dense = [0.9, 0.8, 0.1];
        double[] lexical = [0.0, 5.0, 4.0];
        var fused = RankFusion.Reciprocal(dense, lexical);
        // Row 1 is second and first; row 0 is first and last: agreement wins.
        Assert.True(fused[1] > fused[0]);
        Assert.True(fused[0] > fused[2]);
    }

    [Fact]
    public void Reciprocal_rank_fusion_weight_lets_the_heavier_ranking_win_a_disagreement()
    {
        double[] dense = [0.9, 0.1];
        double[] lexical = [0.0, 5.0];
        var fused = RankFusion.Reciprocal(10, [1, 2], dense, lexical);
        Assert.True(fused[1] > fused[0]);
    }

    [Fact]
    public void Bm25_without_length_normalisation_ranks_by_term_frequency()
    {
        var repeated = new LexicalIndex(["tangent tangent tangent line", "tangent line of a long long long long long description"], k1: 1.2, b: 0);
        var scores = repeated.Scores("tangent");
        // Without length normalisation only the term frequency separates the two.
        Assert.True(scores[0] > scores[1]);
    }

    [Fact]
    public void Bm25_words_are_lower_cased_stemmed_and_skip_stop_words()
    {
        Assert.Equal(["binomial", "coefficient", "probability", "frac", "12"], LexicalIndex.Words("The Binomial coefficients and PROBABILITIES: \\frac{1}{2} 12"));
    }

    [Theory]
    [InlineData("S_n = n^2 + 2n", new[] { "s_n", "2n" })]
    [InlineData("a_{n+2} = 5a_{n+1} - 6a_n", new[] { "a_n+2", "5a", "a_n+1", "6a", "a_n" })]
    [InlineData("aₙ₊₁ = 2aₙ, x₁ + x₂", new[] { "a_n+1", "2a", "a_n", "x_1", "x_2" })]
    [InlineData("log_2 8 and \\log_{10} x", new[] { "log", "log_2", "log", "log_10" })]
    [InlineData("a_ alone, x_{} and snake_case_name", new[] { "alone", "snake", "snake_case", "name" })]
    public void Bm25_reads_subscripted_symbols_as_words_in_latex_and_unicode_alike(string text, string[] expected)
    {
        Assert.Equal(expected, LexicalIndex.Words(text));
    }

    [Fact]
    public void A_formula_query_finds_the_template_with_the_same_symbols()
    {
        var index = new LexicalIndex(["Finding a_n from the partial sums S_n: a_n = S_n - S_{n-1}", "Sum of the first n terms of an arithmetic sequence", "Sum of the first n terms of a geometric sequence"]);
        var scores = index.Scores("The sum of the first n terms is Sₙ = n² + 2n. Find aₙ.");
        Assert.True(scores[0] > Math.Max(scores[1], scores[2]), string.Join(", ", scores));
    }

    [Fact]
    public void Retrieval_report_marks_the_default_choice_whatever_the_cache_folder()
    {
        Assert.True(new RetrievalReport(TemplateTextFields.Default, TemplateScoring.JointHybrid, 1, 1, 1, 1) { Options = new TemplateIndexOptions { CacheDirectory = "/tmp/x" } }.IsDefault);
        Assert.False(new RetrievalReport(TemplateTextFields.Default, TemplateScoring.Joint, 1, 1, 1, 1) { Options = new TemplateIndexOptions { Scoring = TemplateScoring.Joint } }.IsDefault);
        Assert.True(RetrievalEvaluation.StandardChoices[0] == new TemplateIndexOptions());
    }

    [Fact]
    public void Windowed_rank_fusion_agrees_with_exact_fusion_on_the_top_rows()
    {
        var random = new Random(11);
        var dense = Enumerable.Range(0, 5000).Select(_ => random.NextDouble()).ToArray();
        var lexical = Enumerable.Range(0, 5000).Select(i => i % 7 == 0 ? random.NextDouble() * 10 : 0).ToArray();
        var exact = RankFusion.Reciprocal(10, [1, 1], dense, lexical);
        var windowed = RankFusion.Reciprocal(10, [1, 1], 1000, dense, lexical);
        int[] Top(double[] fused) => [.. fused.Select((f, i) => (f, i)).OrderByDescending(p => p.f).Take(10).Select(p => p.i).Order()];
        Assert.Equal(Top(exact), Top(windowed));
    }

    [Fact]
    public void Reciprocal_rank_fusion_ignores_a_ranking_with_all_scores_tied()
    {
        var fused = RankFusion.Reciprocal([0.2, 0.7, 0.5], [0.0, 0.0, 0.0]);
        Assert.Equal([1, 2, 0], fused.Select((f, i) => (f, i)).OrderByDescending(p => p.f).Select(p => p.i));
    }

    [Theory]
    [InlineData(TemplateScoring.Joint)]
    [InlineData(TemplateScoring.FieldMax)]
    [InlineData(TemplateScoring.JointAndFieldMax)]
    [InlineData(TemplateScoring.Lexical)]
    [InlineData(TemplateScoring.Hybrid)]
    [InlineData(TemplateScoring.JointHybrid)]
    public async Task Every_scoring_finds_the_obvious_template_in_a_small_library(TemplateScoring scoring)
    {
        using var dir = new TempDir();
        var index = await TemplateIndex.BuildAsync(SmallLibrary(dir), Embedders.MiniLm(), new TemplateIndexOptions { CacheDirectory = dir.Path, Scoring = scoring }, Ct);
        Assert.Equal(scoring, index.Scoring);
        var hits = await index.SearchAsync("How many derangements of the letters ABCD are there?", 3, Ct);
        Assert.Equal(3, hits.Count);
        Assert.Equal("Inclusion-exclusion", hits[0].Template.Name);
        Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }

    [Fact]
    public async Task Field_scoring_embeds_each_scenario_and_is_cached_under_its_own_key()
    {
        using var dir = new TempDir();
        var library = SmallLibrary(dir);
        var embedder = new CountingEmbedder(Embedders.MiniLm());
        var joint = new TemplateIndexOptions { CacheDirectory = dir.Path, Scoring = TemplateScoring.Joint };
        await TemplateIndex.BuildAsync(library, embedder, joint, Ct);
        embedder.Reset();

        var fields = await TemplateIndex.BuildAsync(library, embedder, joint with { Scoring = TemplateScoring.FieldMax }, Ct);
        Assert.False(fields.LoadedFromCache);
        // Names are already cached; the shared tags, three descriptions, six scenarios and the two shared steps are new.
        Assert.Equal(1 + 3 + 6 + 2, embedder.Texts);

        embedder.Reset();
        var again = await TemplateIndex.BuildAsync(library, embedder, joint with { Scoring = TemplateScoring.Hybrid }, Ct);
        Assert.True(again.LoadedFromCache);
        Assert.Equal(0, embedder.Calls);
    }
}
