using System.Diagnostics;
using ReasonFlux.Templates;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// <c>scenario templates [PATH]</c>: cold index build of a library (default: ../shared official file), warm load from
/// the disk cache, flat query latency with the MiniLM query embedding included (p50/p99), and search over a synthetic
/// 100,000-template library (p50, managed memory).
/// </summary>
internal static class TemplateIndexScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var path = args.Length > 0 ? args[0] : FindShared("template_library.json");
        var library = TemplateLibrary.Load(path);
        var cache = Directory.CreateTempSubdirectory("rf-bench-index-").FullName;
        var options = new TemplateIndexOptions { CacheDirectory = cache };
        var embedder = Embedders.MiniLm();
        await embedder.GenerateAsync(["warm up the encoder"]);

        var sw = Stopwatch.StartNew();
        var cold = await TemplateIndex.BuildAsync(library, embedder, options);
        Console.WriteLine($"cold build: {library.Templates.Count} templates, {cold.EmbeddedTexts} texts embedded, {sw.Elapsed.TotalMilliseconds:F0} ms");

        var warm = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            sw.Restart();
            var index = await TemplateIndex.BuildAsync(TemplateLibrary.Load(path), embedder, options);
            warm.Add(sw.Elapsed.TotalMilliseconds);
            if (!index.LoadedFromCache) throw new InvalidOperationException("warm load missed the cache");
        }
        Console.WriteLine($"warm load (library parse + cache read): median {Percentile(warm, 50):F1} ms, min {warm.Min():F1} ms");

        var queries = library.Templates.Where(t => t.ExampleProblem is not null).Select(t => t.ExampleProblem!).Take(200).ToList();
        var latencies = new List<double>();
        foreach (var q in queries)
        {
            sw.Restart();
            await cold.SearchAsync(q, 5);
            latencies.Add(sw.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"query (embed + search, k=5, {queries.Count} queries): p50 {Percentile(latencies, 50):F2} ms, p99 {Percentile(latencies, 99):F2} ms");

        var synthetic = Synthetic(library, 100_000);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        sw.Restart();
        var big = await TemplateIndex.BuildAsync(synthetic, new SyntheticEmbedder(embedder), new TemplateIndexOptions { UseCache = false, BatchSize = 4096 });
        var buildMs = sw.Elapsed.TotalMilliseconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var bigLatencies = new List<double>();
        foreach (var q in queries.Take(100))
        {
            sw.Restart();
            await big.SearchAsync(q, 5);
            bigLatencies.Add(sw.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"100k synthetic: build {buildMs / 1000:F1} s, index+library managed memory {(after - before) / 1048576.0:F0} MB, process working set {Environment.WorkingSet / 1048576.0:F0} MB");
        Console.WriteLine($"100k query (embed + search, k=5): p50 {Percentile(bigLatencies, 50):F2} ms, p99 {Percentile(bigLatencies, 99):F2} ms");
        GC.KeepAlive(big);
        Directory.Delete(cache, recursive: true);
        return 0;
    }

    private static TemplateLibrary Synthetic(TemplateLibrary library, int count) =>
        TemplateLibrary.FromTemplates(Enumerable.Range(0, count).Select(i =>
        {
            var t = library.Templates[i % library.Templates.Count];
            return t with { Id = $"{t.Id}-{i}", Name = $"{t.Name} #{i}", Section = $"{t.Section} #{i / 4000}" };
        }), "synthetic-100k");

    private static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
    }

    internal static string FindShared(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", name);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"{name} not found in a shared/data folder above {AppContext.BaseDirectory}");
    }
}
