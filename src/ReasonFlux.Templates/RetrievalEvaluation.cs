using Microsoft.Extensions.AI;

namespace ReasonFlux.Templates;

/// <summary>
/// Measures flat retrieval: every template with a worked example is queried with its example problem against an
/// index whose text excludes the examples, and the rank of the template itself is scored.
/// </summary>
public static class RetrievalEvaluation
{
    /// <summary>The choices of embedded text compared by default; the first is the index default.</summary>
    public static IReadOnlyList<TemplateTextFields> StandardChoices { get; } =
    [
        TemplateTextFields.Default | TemplateTextFields.Steps,
        TemplateTextFields.Default,
        TemplateTextFields.Name | TemplateTextFields.Tags,
    ];

    /// <summary>Runs the evaluation for one choice of <see cref="TemplateIndexOptions.FlatFields"/> and <see cref="TemplateIndexOptions.Scoring"/>.</summary>
    public static async Task<RetrievalReport> RunAsync(TemplateLibrary library, IEmbeddingGenerator<string, Embedding<float>> embedder, TemplateIndexOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.FlatFields.HasFlag(TemplateTextFields.Example)) throw new ArgumentException("the evaluated index must not contain the example text", nameof(options));

        var index = await TemplateIndex.BuildAsync(library, embedder, options, ct).ConfigureAwait(false);
        var rowOf = index.Templates.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        var queries = library.Templates.Where(t => !string.IsNullOrWhiteSpace(t.ExampleProblem)).ToList();
        if (queries.Count == 0) return new RetrievalReport(options.FlatFields, options.Scoring, 0, 0, 0, 0);

        var vectors = await embedder.GenerateAsync(queries.Select(q => q.ExampleProblem!), cancellationToken: ct).ConfigureAwait(false);
        double top1 = 0, top5 = 0, reciprocal = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            var rank = index.RankOf(queries[i].ExampleProblem!, vectors[i].Vector.Span, rowOf[queries[i].Id]);
            if (rank == 1) top1++;
            if (rank <= 5) top5++;
            reciprocal += 1.0 / rank;
        }
        return new RetrievalReport(options.FlatFields, options.Scoring, queries.Count, top1 / queries.Count, top5 / queries.Count, reciprocal / queries.Count);
    }
}
