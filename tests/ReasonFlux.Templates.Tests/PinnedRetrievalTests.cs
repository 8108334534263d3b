namespace ReasonFlux.Templates.Tests;

/// <summary>
/// Pins the top-5 ids that search returned on the official library before <see cref="TemplateIndex"/> was split into
/// store, scorers and search strategies: a refactoring of retrieval must not move a single result.
/// </summary>
public sealed class PinnedRetrievalTests(OfficialIndexFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Queries =
    [
        "probability of drawing two red balls without replacement",
        "Find the equation of the tangent line to y = x^3 at the point (1, 1)",
        "a_{n+2} = 5a_{n+1} - 6a_n, find a_n",
        "How many positive integers below 1000 are divisible by 3 or 5?",
        "Solve the inequality |2x - 1| < 3",
        "The sum of the first n terms is Sₙ = n² + 2n. Find aₙ.",
    ];

    private static readonly Dictionary<TemplateScoring, string[]> Expected = new()
    {
        [TemplateScoring.JointHybrid] = [],
        [TemplateScoring.Joint] = [],
        [TemplateScoring.Lexical] = [],
    };

    [Theory]
    [InlineData(TemplateScoring.JointHybrid)]
    [InlineData(TemplateScoring.Joint)]
    [InlineData(TemplateScoring.Lexical)]
    public async Task Flat_search_returns_the_pinned_top_5(TemplateScoring scoring)
    {
        var index = await TemplateIndex.BuildAsync(fixture.Library, Embedders.MiniLm(), fixture.Options with { Scoring = scoring }, Ct);
        var actual = new List<string>();
        foreach (var query in Queries) actual.Add(string.Join(" ", (await index.SearchAsync(query, 5, Ct)).Select(h => h.Template.Id)));
        Assert.Equal(Expected[scoring], actual);
    }

    [Fact]
    public async Task Hierarchical_search_returns_the_pinned_top_5()
    {
        var actual = new List<string>();
        foreach (var (category, direction, method) in new[]
        {
            ("Derivatives of functions", "Derivative operations", "Finding the Tangent Line of a Curve"),
            ("Sequences", "Recurrence relations", "Characteristic equation"),
            ("Probability", "", "Classical probability model"),
        })
        {
            actual.Add(string.Join(" ", (await fixture.Index.SearchHierarchicalAsync(category, direction, method, 5, Ct)).Select(h => h.Template.Id)));
        }
        Assert.Equal(HierarchicalExpected, actual);
    }

    private static readonly string[] HierarchicalExpected = [];
}
