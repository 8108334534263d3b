using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Templates;

/// <summary>
/// Measures flat retrieval: every template with a worked example is queried with its example problem against an
/// index whose text excludes the examples, and the rank of the template itself is scored.
/// </summary>
public static class RetrievalEvaluation
{
    /// <summary>
    /// The choices compared by <c>templates eval-retrieval</c>: the index default first, then other embedded texts and
    /// each half of the hybrid score on its own, so the table shows what every part contributes.
    /// </summary>
    public static IReadOnlyList<TemplateIndexOptions> StandardChoices { get; } =
    [
        new TemplateIndexOptions(),
        new TemplateIndexOptions { FlatFields = TemplateTextFields.Default },
        new TemplateIndexOptions { FlatFields = TemplateTextFields.Name | TemplateTextFields.Tags },
        new TemplateIndexOptions { Scoring = TemplateScoring.Joint },
        new TemplateIndexOptions { Scoring = TemplateScoring.Lexical },
    ];

    /// <summary>Runs the evaluation for one choice of <see cref="TemplateIndexOptions.FlatFields"/> and <see cref="TemplateIndexOptions.Scoring"/>.</summary>
    public static async Task<RetrievalReport> RunAsync(TemplateLibrary library, IEmbeddingGenerator<string, Embedding<float>> embedder, TemplateIndexOptions options, CancellationToken ct = default) =>
        (await RunAsync(library, embedder, [options], ct).ConfigureAwait(false))[0];

    /// <summary>Runs the evaluation for several choices, embedding the query problems once; one report per choice, in order.</summary>
    public static async Task<IReadOnlyList<RetrievalReport>> RunAsync(TemplateLibrary library, IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<TemplateIndexOptions> choices, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(choices);
        return await RunAsync(library, embedder, choices, [.. library.Templates.Where(t => !string.IsNullOrWhiteSpace(t.ExampleProblem))], ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the evaluation with the example problems of <paramref name="queries"/> only (e.g. the new templates of a
    /// distillation's delta), each of which must find its own copy in <paramref name="library"/>: the template in the same
    /// chapter and section with the same JSON object.
    /// </summary>
    /// <exception cref="ArgumentException">A query template is not in the library.</exception>
    public static async Task<IReadOnlyList<RetrievalReport>> RunAsync(TemplateLibrary library, IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<TemplateIndexOptions> choices, TemplateLibrary queries, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(queries);
        var copies = library.Templates.ToLookup(t => (t.Chapter, t.Section, t.Name));
        var mapped = new List<ThoughtTemplate>();
        foreach (var query in queries.Templates.Where(t => !string.IsNullOrWhiteSpace(t.ExampleProblem)))
        {
            var copy = copies[(query.Chapter, query.Section, query.Name)].FirstOrDefault(t => JsonNode.DeepEquals(t.Original, query.Original))
                ?? throw new ArgumentException($"{queries.Source}: template \"{query.Name}\" ({query.Chapter} / {query.Section}) is not in {library.Source}; evaluate a delta against the library it was merged into", nameof(queries));
            mapped.Add(query with { Id = copy.Id });
        }
        return await RunAsync(library, embedder, choices, mapped, ct).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<RetrievalReport>> RunAsync(TemplateLibrary library, IEmbeddingGenerator<string, Embedding<float>> embedder, IReadOnlyList<TemplateIndexOptions> choices, List<ThoughtTemplate> queries, CancellationToken ct)
    {
        if (choices.Any(c => c.FlatFields.HasFlag(TemplateTextFields.Example))) throw new ArgumentException("the evaluated index must not contain the example text", nameof(choices));

        var vectors = queries.Count == 0 ? [] : (await embedder.GenerateAsync(queries.Select(q => q.ExampleProblem!), cancellationToken: ct).ConfigureAwait(false)).Select(e => e.Vector.ToArray()).ToList();
        var reports = new List<RetrievalReport>(choices.Count);
        foreach (var options in choices)
        {
            var watch = Stopwatch.StartNew();
            var index = await TemplateIndex.BuildAsync(library, embedder, options, ct).ConfigureAwait(false);
            var indexTime = watch.Elapsed;
            reports.Add(Score(index, options, queries, vectors) with { IndexTime = indexTime, IndexFromCache = index.LoadedFromCache });
        }
        return reports;
    }

    /// <summary>Scores an index with already embedded query problems (the bench's parameter sweeps reuse one embedding pass).</summary>
    internal static RetrievalReport Score(TemplateIndex index, TemplateIndexOptions options, IReadOnlyList<ThoughtTemplate> queries, IReadOnlyList<float[]> vectors)
    {
        if (queries.Count == 0) return new RetrievalReport(options.FlatFields, options.Scoring, 0, 0, 0, 0) { Options = options };
        var rowOf = index.Templates.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        double top1 = 0, top5 = 0, reciprocal = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            var rank = index.RankOf(queries[i].ExampleProblem!, vectors[i], rowOf[queries[i].Id]);
            if (rank == 1) top1++;
            if (rank <= 5) top5++;
            reciprocal += 1.0 / rank;
        }
        return new RetrievalReport(options.FlatFields, options.Scoring, queries.Count, top1 / queries.Count, top5 / queries.Count, reciprocal / queries.Count) { Options = options };
    }
}
