using ReasonFlux.Templates;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// <c>scenario templates-quality [PATH] [--cache DIR]</c>: recall@1/@5 and MRR of flat retrieval on a library
/// (default: ../shared official file) for a sweep of scoring parameters (RRF constant and weights, BM25 k1/b, name
/// weighting). The example problems are embedded once and the indexed text never contains them.
/// </summary>
internal static class TemplateQualityScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--cache");
        var cacheArg = at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        var path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != cacheArg) ?? TemplateIndexScenario.FindShared("template_library.json");
        var library = TemplateLibrary.Load(path);
        var cache = cacheArg ?? Directory.CreateTempSubdirectory("rf-bench-quality-").FullName;
        var embedder = Embedders.MiniLm();
        var queries = library.Templates.Where(t => !string.IsNullOrWhiteSpace(t.ExampleProblem)).ToList();
        var vectors = (await embedder.GenerateAsync(queries.Select(q => q.ExampleProblem!))).Select(e => e.Vector.ToArray()).ToList();

        var baseline = new TemplateIndexOptions { CacheDirectory = cache };
        var sweep = new List<(string Label, TemplateIndexOptions Options)> { ("default", baseline) };
        sweep.Add(("embedding only", baseline with { Scoring = TemplateScoring.Joint }));
        sweep.Add(("bm25 only", baseline with { Scoring = TemplateScoring.Lexical }));
        foreach (var k in new[] { 5.0, 10, 20, 30, 60 }) sweep.Add(($"rrf k={k}", baseline with { FusionSmoothing = k }));
        foreach (var w in new[] { 0.5, 0.75, 1.5, 2 }) sweep.Add(($"bm25 weight {w}", baseline with { LexicalWeight = w }));
        foreach (var (k1, b) in new[] { (0.9, 0.4), (1.2, 0.3), (1.5, 0.75), (2.0, 0.75), (1.2, 1.0) }) sweep.Add(($"bm25 k1={k1} b={b}", baseline with { LexicalK1 = k1, LexicalB = b }));
        foreach (var n in new[] { 2, 3 }) sweep.Add(($"bm25 name+tags x{n}", baseline with { LexicalNameWeight = n }));
        sweep.Add(("rrf k=10, k1=1.5", baseline with { FusionSmoothing = 10, LexicalK1 = 1.5 }));
        sweep.Add(("rrf k=10, k1=1.5, name x3", baseline with { FusionSmoothing = 10, LexicalK1 = 1.5, LexicalNameWeight = 3 }));
        sweep.Add(("rrf k=20, k1=1.5", baseline with { FusionSmoothing = 20, LexicalK1 = 1.5 }));
        sweep.Add(("hybrid field-max, rrf k=10", baseline with { Scoring = TemplateScoring.Hybrid, FusionSmoothing = 10 }));

        Console.WriteLine($"{library.Source}: {queries.Count} queries");
        Console.WriteLine($"{"choice",-30} recall@1  recall@5     MRR");
        foreach (var (label, options) in sweep)
        {
            var index = await TemplateIndex.BuildAsync(library, embedder, options);
            var r = RetrievalEvaluation.Score(index, options, queries, vectors);
            Console.WriteLine($"{label,-30} {r.RecallAt1,8:0.000}  {r.RecallAt5,8:0.000}  {r.Mrr,6:0.000}");
        }
        if (cacheArg is null) Directory.Delete(cache, recursive: true);
        return 0;
    }
}
