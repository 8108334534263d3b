using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// For the 100,000-template scale test: texts of synthetic variants ("… #123") get the real MiniLM vector of the
/// original text plus small deterministic noise, so the index has realistic, distinct vectors without embedding
/// 100,000 texts (which would take the better part of an hour on a laptop CPU).
/// </summary>
internal sealed partial class SyntheticEmbedder(IEmbeddingGenerator<string, Embedding<float>> real) : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly ConcurrentDictionary<string, float[]> _base = new(StringComparer.Ordinal);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToList();
        var bases = texts.Select(t => Variant().Replace(t, "")).ToList();
        var missing = bases.Distinct().Where(b => !_base.ContainsKey(b)).ToList();
        if (missing.Count > 0)
        {
            var embedded = await real.GenerateAsync(missing, options, cancellationToken);
            for (var i = 0; i < missing.Count; i++) _base[missing[i]] = embedded[i].Vector.ToArray();
        }
        return new GeneratedEmbeddings<Embedding<float>>(texts.Select((t, i) =>
        {
            var v = (float[])_base[bases[i]].Clone();
            var random = new Random(t.GetHashCode(StringComparison.Ordinal));
            for (var d = 0; d < v.Length; d++) v[d] += (float)(random.NextDouble() - 0.5) * 0.02f;
            return new Embedding<float>(v);
        }));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => real.GetService(serviceType, serviceKey);

    public void Dispose() { }

    [GeneratedRegex(@" #\d+")]
    private static partial Regex Variant();
}
