using System.Globalization;

namespace ReasonFlux.Templates.Tests;

/// <summary>
/// Pins the top-5 ids and scores that search returned on the official library before <see cref="TemplateIndex"/> was
/// split into store, scorers and search strategies (recorded on commit 9ae4f1f): a refactoring of retrieval must not
/// move a single result. To re-record on purpose, set RFX_PINNED_RETRIEVAL_RECORD to a file path: the actual rows are
/// appended there (xUnit truncates long assertion messages).
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

    // One row per hit: query number (q = flat query, h = hierarchical path), template id, score rounded to 4 decimals.
    private static readonly Dictionary<TemplateScoring, string[]> Expected = new()
    {
        [TemplateScoring.JointHybrid] =
        [
            "q1 hypergeometric-distribution-2 0.1667",
            "q1 hypergeometric-distribution 0.1623",
            "q1 judgment-of-independent-events-definition-method 0.1534",
            "q1 practical-application-of-hypergeometric-distribution 0.1436",
            "q1 classical-probability-comprehensive-application-four-step-method 0.1193",
            "q2 finding-the-tangent-line-of-a-curve 0.1818",
            "q2 finding-the-value-of-a-parameter-from-a-known-tangent-line-equation 0.1603",
            "q2 tangent-equation-of-hyperbola 0.1360",
            "q2 problems-related-to-tangents-of-lines-and-circles 0.1339",
            "q2 tangent-line-of-parabola 0.1325",
            "q3 determination-and-application-of-the-monotonicity-of-sequences 0.1576",
            "q3 determination-and-proof-of-arithmetic-sequences 0.1548",
            "q3 classification-discussion-method-for-odd-and-even-terms-of-sequences 0.1357",
            "q3 finding-general-terms-using-accumulation-and-multiplication-based-on-rec 0.1333",
            "q3 common-methods-for-judging-geometric-sequences 0.1325",
            "q4 permutation-formula 0.1409",
            "q4 mathematical-induction-problem-solving-template-2 0.1339",
            "q4 method-to-calculate-the-p-th-percentile-of-a-data-set 0.1013",
            "q4 application-of-the-3-principle-in-normal-distribution 0.0963",
            "q4 combination-problem-solving-template-with-restrictions 0.0955",
            "q5 five-step-method-for-solving-absolute-value-inequalities 0.1623",
            "q5 finding-the-domain-of-a-function 0.1072",
            "q5 symmetric-construction-method-for-extreme-point-offset-problems 0.1027",
            "q5 quadratic-inequality-solving-method-in-four-steps 0.1012",
            "q5 application-of-exponential-function-monotonicity-in-four-steps 0.0955",
            "q6 solution-method-for-the-sum-of-the-first-n-terms-of-an-arithmetic-sequen 0.1436",
            "q6 finding-the-general-term-formula-of-a-sequence 0.1381",
            "q6 geometric-series-sum-formula-and-application-rules 0.1360",
            "q6 general-term-formula-of-geometric-sequence 0.1250",
            "q6 common-methods-for-judging-geometric-sequences 0.1214",
        ],
        [TemplateScoring.Joint] =
        [
            "q1 judgment-of-independent-events-definition-method 0.3213",
            "q1 hypergeometric-distribution-2 0.3051",
            "q1 probability-calculation-of-mutually-exclusive-events-and-opposite-events 0.2864",
            "q1 hypergeometric-distribution 0.2859",
            "q1 practical-application-of-hypergeometric-distribution 0.2739",
            "q2 finding-the-tangent-line-of-a-curve 0.4777",
            "q2 tangent-equation-of-hyperbola 0.4294",
            "q2 finding-the-value-of-a-parameter-from-a-known-tangent-line-equation 0.4279",
            "q2 equation-of-tangent-to-an-ellipse 0.4094",
            "q2 slope-formula-problem-solving-template 0.3560",
            "q3 inductive-conjectures-and-mathematical-induction-for-recurrence-sequence 0.4932",
            "q3 determination-and-proof-of-arithmetic-sequences 0.4924",
            "q3 classification-discussion-method-for-odd-and-even-terms-of-sequences 0.4604",
            "q3 general-formula-for-arithmetic-sequences 0.4532",
            "q3 determination-and-application-of-the-monotonicity-of-sequences 0.4434",
            "q4 permutation-formula 0.2478",
            "q4 combination-problem-solving-template-with-restrictions 0.2262",
            "q4 counting-elements-in-set-operations-inclusion-exclusion-principle 0.2152",
            "q4 calculation-and-application-of-combinatorial-numbers 0.1984",
            "q4 solution-method-for-the-sum-of-the-first-n-terms-of-an-arithmetic-sequen 0.1966",
            "q5 five-step-method-for-solving-absolute-value-inequalities 0.5049",
            "q5 quadratic-inequality-solving-method-in-four-steps 0.3830",
            "q5 finding-the-domain-of-a-function 0.3818",
            "q5 triangle-inequality-of-vectors 0.3575",
            "q5 application-of-basic-inequalities-for-tri-variable-and-n-variable 0.3494",
            "q6 arithmetic-sequence-general-term-formula-solving-and-application-four-st 0.4406",
            "q6 general-term-formula-of-geometric-sequence 0.4287",
            "q6 solution-method-for-the-sum-of-the-first-n-terms-of-an-arithmetic-sequen 0.4215",
            "q6 common-methods-for-judging-geometric-sequences 0.4189",
            "q6 finding-the-general-term-formula-of-a-sequence 0.4121",
        ],
        [TemplateScoring.Lexical] =
        [
            "q1 hypergeometric-distribution 22.9110",
            "q1 hypergeometric-distribution-2 18.9148",
            "q1 practical-application-of-hypergeometric-distribution 17.9962",
            "q1 multiplication-formula-of-probability 13.9893",
            "q1 classical-probability-comprehensive-application-four-step-method 12.9331",
            "q2 finding-the-tangent-line-of-a-curve 10.9591",
            "q2 finding-the-value-of-a-parameter-from-a-known-tangent-line-equation 10.8905",
            "q2 tangent-line-of-parabola 10.6543",
            "q2 problems-related-to-tangents-of-lines-and-circles 10.4619",
            "q2 method-for-determining-the-position-relationship-between-a-line-and-a-ci 9.0651",
            "q3 determination-and-application-of-the-monotonicity-of-sequences 11.7465",
            "q3 finding-general-terms-using-accumulation-and-multiplication-based-on-rec 10.8994",
            "q3 common-methods-for-judging-geometric-sequences 9.7349",
            "q3 determination-and-proof-of-arithmetic-sequences 9.4219",
            "q3 method-to-find-maximum-and-minimum-of-the-sum-of-the-first-n-terms-of-an 8.3131",
            "q4 application-of-the-3-principle-in-normal-distribution 11.8769",
            "q4 sample-correlation-coefficient-2 9.1157",
            "q4 method-to-calculate-the-p-th-percentile-of-a-data-set 9.1026",
            "q4 mathematical-induction-problem-solving-template-2 8.6923",
            "q4 proof-of-inequality-by-mathematical-induction 7.6518",
            "q5 symmetric-construction-method-for-extreme-point-offset-problems 9.3163",
            "q5 calculation-and-proof-of-permutations 8.6806",
            "q5 application-of-power-function-graphs 7.7169",
            "q5 five-step-method-for-solving-absolute-value-inequalities 7.6207",
            "q5 chain-rule-for-composite-functions 7.0828",
            "q6 method-to-find-maximum-and-minimum-of-the-sum-of-the-first-n-terms-of-an 19.4435",
            "q6 geometric-series-sum-formula-and-application-rules 19.1357",
            "q6 common-properties-of-the-sum-of-the-first-n-terms-of-an-arithmetic-seque 18.8567",
            "q6 finding-the-general-term-formula-of-a-sequence 18.4572",
            "q6 solution-method-for-the-sum-of-the-first-n-terms-of-an-arithmetic-sequen 18.3796",
        ],
    };

    private static readonly string[] HierarchicalExpected =
    [
        "h1 finding-the-tangent-line-of-a-curve 1.0000",
        "h1 finding-the-value-of-a-parameter-from-a-known-tangent-line-equation 0.7912",
        "h1 derivative-of-function 0.4951",
        "h1 derivative-formulas-of-basic-elementary-functions 0.3311",
        "h1 optimization-of-functions-using-derivatives 0.3219",
        "h2 finding-the-general-term-formula-of-a-sequence 0.2188",
        "h2 general-formula-for-arithmetic-sequences 0.1318",
        "h2 determination-and-application-of-the-monotonicity-of-sequences 0.0246",
        "h3 classical-probability-comprehensive-application-four-step-method 0.5597",
        "h3 estimate-probability-using-random-simulation-method 0.4493",
        "h3 estimating-probability-using-frequency 0.4376",
        "h3 problem-solving-template-for-combining-probability-and-statistical-chart 0.4058",
        "h3 probability-calculation-of-mutually-exclusive-events-and-opposite-events 0.3517",
    ];

    [Theory]
    [InlineData(TemplateScoring.JointHybrid)]
    [InlineData(TemplateScoring.Joint)]
    [InlineData(TemplateScoring.Lexical)]
    public async Task Flat_search_returns_the_pinned_top_5(TemplateScoring scoring)
    {
        var options = fixture.Options with { Scoring = scoring };
        var index = await TemplateIndex.BuildAsync(fixture.Library, Embedders.MiniLm(), options, Ct);
        var actual = new List<string>();
        for (var i = 0; i < Queries.Length; i++)
        {
            actual.AddRange(Rows($"q{i + 1}", await index.SearchAsync(Queries[i], 5, Ct)));
        }
        Record(scoring.ToString(), actual);
        Assert.Equal(Expected[scoring], actual);
    }

    [Fact]
    public async Task Hierarchical_search_returns_the_pinned_top_5()
    {
        var actual = new List<string>();
        var paths = new[]
        {
            ("Derivatives of functions", "Derivative operations", "Finding the Tangent Line of a Curve"),
            ("Sequences", "Recurrence relations", "Characteristic equation"),
            ("Probability", "", "Classical probability model"),
        };
        for (var i = 0; i < paths.Length; i++)
        {
            var (category, direction, method) = paths[i];
            var hits = await fixture.Index.SearchHierarchicalAsync(category, direction, method, 5, Ct);
            actual.AddRange(Rows($"h{i + 1}", hits));
        }
        Record("Hierarchical", actual);
        Assert.Equal(HierarchicalExpected, actual);
    }

    private static IEnumerable<string> Rows(string query, IEnumerable<TemplateHit> hits) =>
        hits.Select(h => $"{query} {h.Template.Id} {h.Score.ToString("F4", CultureInfo.InvariantCulture)}");

    private static void Record(string name, List<string> rows)
    {
        var path = Environment.GetEnvironmentVariable("RFX_PINNED_RETRIEVAL_RECORD");
        if (string.IsNullOrEmpty(path)) return;
        lock (Queries) File.AppendAllText(path, $"[{name}]\n{string.Join("\n", rows)}\n");
    }
}
