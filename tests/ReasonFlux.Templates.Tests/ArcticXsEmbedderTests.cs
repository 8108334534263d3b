using Microsoft.Extensions.AI;

namespace ReasonFlux.Templates.Tests;

public sealed class ArcticXsEmbedderTests
{
    private const string Text = "Solve the recurrence a_{n+1} = 3a_n - 2a_{n-1} with a_0 = 0 and a_1 = 1.";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<float[]> EmbedAsync(IEmbeddingGenerator<string, Embedding<float>> embedder, string text) =>
        (await embedder.GenerateAsync([text], cancellationToken: Ct))[0].Vector.ToArray();

    private static double Dot(float[] a, float[] b) => a.Zip(b).Sum(p => (double)p.First * p.Second);

    [Fact]
    public async Task Returns_unit_length_384_dimensional_vectors()
    {
        var v = await EmbedAsync(Embedders.ArcticXs(), Text);
        Assert.Equal(384, v.Length);
        Assert.Equal(1.0, Math.Sqrt(Dot(v, v)), 3);
    }

    [Fact]
    public async Task Identical_text_gives_identical_vectors_in_any_batch()
    {
        var embedder = Embedders.ArcticXs();
        var alone = await EmbedAsync(embedder, Text);
        // In a batch with a longer text the input is padded; the attention mask must keep the vector the same.
        var batch = await embedder.GenerateAsync([Text + " Then find a_10 and prove the closed form by induction.", Text], cancellationToken: Ct);
        Assert.Equal(alone, batch[1].Vector.ToArray(), (a, b) => Math.Abs(a - b) < 1e-4);
    }

    [Fact]
    public async Task Vectors_differ_from_MiniLm_vectors_and_carry_their_own_model_id()
    {
        var arctic = await Embedders.ArcticXs().GenerateAsync([Text], cancellationToken: Ct);
        var miniLm = await Embedders.MiniLm().GenerateAsync([Text], cancellationToken: Ct);
        Assert.True(Dot(arctic[0].Vector.ToArray(), miniLm[0].Vector.ToArray()) < 0.9);
        Assert.NotEqual(TemplateIndex.ModelIdOf(Embedders.MiniLm()), TemplateIndex.ModelIdOf(Embedders.ArcticXs()));
    }

    [Fact]
    public async Task Query_side_prefixes_the_retrieval_instruction()
    {
        var documents = Embedders.ArcticXs();
        var query = await EmbedAsync(Embedders.ForQueries(documents), Text);
        var prefixedDocument = await EmbedAsync(documents, ArcticXsEmbeddingGenerator.QueryPrefix + Text);
        Assert.Equal(prefixedDocument, query, (a, b) => Math.Abs(a - b) < 1e-4);
    }

    [Fact]
    public async Task Document_side_embeds_the_text_unprefixed()
    {
        var documents = Embedders.ArcticXs();
        var document = await EmbedAsync(documents, Text);
        var query = await EmbedAsync(Embedders.ForQueries(documents), Text);
        Assert.True(Dot(document, query) < 0.999, "the query side should differ from the document side");
    }

    [Fact]
    public void Query_side_has_its_own_model_id_and_MiniLm_has_no_query_side()
    {
        var arctic = Embedders.ArcticXs();
        Assert.NotEqual(TemplateIndex.ModelIdOf(arctic), TemplateIndex.ModelIdOf(Embedders.ForQueries(arctic)));
        var miniLm = Embedders.MiniLm();
        Assert.Same(miniLm, Embedders.ForQueries(miniLm));
    }

    [Theory]
    [InlineData("Find a closed form for a_n if a_1 = 1, a_2 = 3 and a_{n+2} = 5a_{n+1} - 6a_n.", "Characteristic Equation for Linear Recurrences")]
    [InlineData("How many ways can 10 identical candies be shared among 4 children?", "Stars and Bars for Distributing Identical Objects")]
    [InlineData("Find the remainder when 7^2024 is divided by 13.", "Modular Arithmetic for Remainders of Large Powers")]
    public async Task Default_flat_search_with_arctic_finds_the_obvious_starter_template(string query, string expected)
    {
        using var cache = new TempDir();
        var index = await TemplateIndex.BuildAsync(TemplateLibrary.LoadStarter(), Embedders.ArcticXs(), new TemplateIndexOptions { CacheDirectory = cache.Path }, Ct);
        var hits = await index.SearchAsync(query, 5, Ct);
        Assert.Contains(hits, h => h.Template.Name == expected);
    }

    [Fact]
    public async Task Cancelling_a_running_embedding_throws_OperationCanceledException()
    {
        var longProblem = string.Join(' ', Enumerable.Repeat(Text, 12));
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cts.CancelAfter(TimeSpan.FromMilliseconds(20));
        var texts = Enumerable.Range(0, 32).Select(i => $"{i}: {longProblem}").ToArray();
        var ex = await Record.ExceptionAsync(() => Embedders.ArcticXs().GenerateAsync(texts, cancellationToken: cts.Token));
        Assert.IsAssignableFrom<OperationCanceledException>(ex);
    }
}
