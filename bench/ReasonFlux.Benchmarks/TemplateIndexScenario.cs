using System.Diagnostics;
using Microsoft.Extensions.AI;
using ReasonFlux.Templates;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// <c>scenario templates [PATH] [--cache DIR] [--skip-100k] [--only-100k]</c>: cold index build of a library (default:
/// ../shared official file), warm load from the disk cache (library parse and index load timed apart), the MiniLM
/// session start and first query apart from the steady state, flat query latency with the query embedding included
/// (p50/p99), and search over a synthetic 100,000-template library (p50, managed memory and working set after GC).
/// </summary>
internal static class TemplateIndexScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var cacheArg = Value(args, "--cache");
        var path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && a != cacheArg) ?? FindShared("template_library.json");
        var library = TemplateLibrary.Load(path);
        var cache = cacheArg ?? Directory.CreateTempSubdirectory("rf-bench-index-").FullName;
        var options = new TemplateIndexOptions { CacheDirectory = cache };
        var embedder = Embedders.MiniLm();
        var queries = library.Templates.Where(t => t.ExampleProblem is not null).Select(t => t.ExampleProblem!).Take(200).ToList();

        if (!args.Contains("--only-100k"))
        {
            await OfficialAsync(path, library, embedder, options, queries);
        }
        if (!args.Contains("--skip-100k"))
        {
            await ScaleAsync(library, embedder, queries);
        }
        if (cacheArg is null) Directory.Delete(cache, recursive: true);
        return 0;
    }

    private static async Task OfficialAsync(string path, TemplateLibrary library, IEmbeddingGenerator<string, Embedding<float>> embedder, TemplateIndexOptions options, List<string> queries)
    {
        // Warm load first, while the encoder has not started: a warm load must not need the ONNX session.
        var sw = Stopwatch.StartNew();
        var cold = await TemplateIndex.BuildAsync(library, embedder, options);
        Console.WriteLine($"index build: {library.Templates.Count} templates, {cold.EmbeddedTexts} texts embedded, {sw.Elapsed.TotalMilliseconds:F0} ms (cold when the cache was empty)");

        var parse = new List<double>();
        var load = new List<double>();
        var cpu = new List<double>();
        for (var i = 0; i < 7; i++)
        {
            var cpuStart = ThreadCpuClock.Milliseconds();
            sw.Restart();
            var again = TemplateLibrary.Load(path);
            parse.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            var index = await TemplateIndex.BuildAsync(again, embedder, options);
            load.Add(sw.Elapsed.TotalMilliseconds);
            cpu.Add(ThreadCpuClock.Milliseconds() - cpuStart);
            if (!index.LoadedFromCache) throw new InvalidOperationException("warm load missed the cache");
        }
        var total = parse.Zip(load, (a, b) => a + b).ToList();
        Console.WriteLine($"warm load (7 runs, first includes JIT): median {Percentile(total, 50):F1} ms = library parse {Percentile(parse, 50):F1} ms + index from cache {Percentile(load, 50):F1} ms; min {total.Min():F1} ms; first {total[0]:F1} ms; thread CPU median {Percentile(cpu, 50):F1} ms, min {cpu.Min():F1} ms");

        sw.Restart();
        await cold.SearchAsync(queries[0], 5);
        Console.WriteLine($"first query (starts the MiniLM ONNX session when nothing has yet): {sw.Elapsed.TotalMilliseconds:F0} ms");

        var latencies = new List<double>();
        var embedOnly = new List<double>();
        var queryCpu = new List<double>();
        foreach (var q in queries)
        {
            var cpuStart = ProcessCpuMs();
            sw.Restart();
            await cold.SearchAsync(q, 5);
            latencies.Add(sw.Elapsed.TotalMilliseconds);
            queryCpu.Add(ProcessCpuMs() - cpuStart);
            sw.Restart();
            await embedder.GenerateAsync([q]);
            embedOnly.Add(sw.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"query (embed + search, k=5, {queries.Count} example problems): p50 {Percentile(latencies, 50):F2} ms, p99 {Percentile(latencies, 99):F2} ms; MiniLM embedding alone p50 {Percentile(embedOnly, 50):F2} ms; process CPU per query p50 {Percentile(queryCpu, 50):F2} ms");
        var shortQueries = library.Templates.Select(t => t.Name).Take(200).ToList();
        var shortLatencies = new List<double>();
        foreach (var q in shortQueries)
        {
            sw.Restart();
            await cold.SearchAsync(q, 5);
            shortLatencies.Add(sw.Elapsed.TotalMilliseconds);
        }
        Console.WriteLine($"short query (a method name, embed + search, k=5): p50 {Percentile(shortLatencies, 50):F2} ms, p99 {Percentile(shortLatencies, 99):F2} ms");
    }

    private static async Task ScaleAsync(TemplateLibrary library, IEmbeddingGenerator<string, Embedding<float>> embedder, List<string> queries)
    {
        var synthetic = Synthetic(library, 100_000);
        var fake = new SyntheticEmbedder(embedder);
        // Embed the 420 originals first so the timed build measures the index, not MiniLM.
        await fake.GenerateAsync(library.Templates.SelectMany(t => new[] { TemplateIndex.FlatText(t, new TemplateIndexOptions().FlatFields), t.Name, t.Chapter, t.Section }).Distinct());
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var workingSetBase = Environment.WorkingSet;
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var sw = Stopwatch.StartNew();
        var big = await TemplateIndex.BuildAsync(synthetic, fake, new TemplateIndexOptions { UseCache = false, BatchSize = 4096 });
        var buildMs = sw.Elapsed.TotalMilliseconds;
        synthetic = null;
        fake = null;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var workingSetBefore = Environment.WorkingSet;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var heap = GC.GetGCMemoryInfo();
        Console.WriteLine($"100k synthetic: build {buildMs / 1000:F1} s; managed memory held by index + templates {(after - before) / 1048576.0:F0} MB; "
            + $"process working set {workingSetBefore / 1048576.0:F0} MB after a full GC, {Environment.WorkingSet / 1048576.0:F0} MB after an aggressive (decommitting) GC; GC committed {heap.TotalCommittedBytes / 1048576.0:F0} MB; "
            + $"working set before the build (runtime, MiniLM, the 420 originals embedded) {workingSetBase / 1048576.0:F0} MB, so the index adds {(Environment.WorkingSet - workingSetBase) / 1048576.0:F0} MB");
        var bigLatencies = new List<double>();
        var bigCpu = new List<double>();
        foreach (var q in queries.Take(100))
        {
            var cpuStart = ProcessCpuMs();
            sw.Restart();
            await big.SearchAsync(q, 5);
            bigLatencies.Add(sw.Elapsed.TotalMilliseconds);
            bigCpu.Add(ProcessCpuMs() - cpuStart);
        }
        Console.WriteLine($"100k query (embed + search, k=5): p50 {Percentile(bigLatencies, 50):F2} ms, p99 {Percentile(bigLatencies, 99):F2} ms; process CPU per query p50 {Percentile(bigCpu, 50):F2} ms; working set now {Environment.WorkingSet / 1048576.0:F0} MB");
        GC.KeepAlive(big);
    }

    private static TemplateLibrary Synthetic(TemplateLibrary library, int count) =>
        TemplateLibrary.FromTemplates(Enumerable.Range(0, count).Select(i =>
        {
            var t = library.Templates[i % library.Templates.Count];
            return t with { Id = $"{t.Id}-{i}", Name = $"{t.Name} #{i}", Section = $"{t.Section} #{i / 4000}" };
        }), "synthetic-100k");

    // Others build on this machine while we measure; CPU time shows the work itself beside the wall clock.
    private static double ProcessCpuMs() => Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;

    private static string? Value(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }

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
