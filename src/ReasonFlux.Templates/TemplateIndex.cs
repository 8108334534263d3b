using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;

namespace ReasonFlux.Templates;

/// <summary>
/// Embedding index over a <see cref="TemplateLibrary"/>: flat search over each template's text and the original's
/// hierarchical search over chapter, section and template names. Vectors are cached on disk per embedding model
/// and library content, so a second build embeds nothing.
/// </summary>
public sealed class TemplateIndex : ITemplateIndex
{
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly ThoughtTemplate[] _templates;
    private readonly VectorMatrix _flat;
    private readonly VectorMatrix _fields;
    private readonly int[] _fieldOwner;
    private readonly LexicalIndex? _lexical;
    private readonly TemplateScoring _scoring;
    private readonly double _smoothing;
    private readonly double _lexicalWeight;
    private readonly VectorMatrix _names;
    private readonly VectorMatrix _chapters;
    private readonly VectorMatrix _sections;
    private readonly int[][] _sectionsOfChapter;
    private readonly int[][] _templatesOfSection;

    private TemplateIndex(IEmbeddingGenerator<string, Embedding<float>> embedder, TemplateIndexOptions options, Layout layout, Func<string, float[]> vectorOf, int dims, int embedded, bool fromCache)
    {
        _smoothing = options.FusionSmoothing;
        _lexicalWeight = options.LexicalWeight;
        _embedder = embedder;
        _templates = layout.Templates;
        _flat = Fill(layout.FlatTexts, vectorOf, dims);
        _fields = Fill(layout.FieldTexts, vectorOf, dims);
        _fieldOwner = layout.FieldOwner;
        _scoring = layout.Scoring;
        _lexical = layout.Scoring is TemplateScoring.Lexical or TemplateScoring.Hybrid or TemplateScoring.JointHybrid ? new LexicalIndex(LexicalTexts(layout.Templates, layout.FlatTexts, options), options.LexicalK1, options.LexicalB) : null;
        // Names are only scored within two sections per query, so half precision costs nothing measurable and saves
        // 77 MB on a 100,000-template library.
        _names = Fill([.. _templates.Select(t => t.Name)], vectorOf, dims, compact: true);
        _chapters = Fill(layout.Chapters, vectorOf, dims);
        _sections = Fill([.. layout.Sections.Select(s => s.Name)], vectorOf, dims);
        _sectionsOfChapter = layout.SectionsOfChapter;
        _templatesOfSection = layout.TemplatesOfSection;
        EmbeddedTexts = embedded;
        LoadedFromCache = fromCache;
    }

    /// <summary>The indexed templates, in library order.</summary>
    public IReadOnlyList<ThoughtTemplate> Templates => _templates;

    /// <summary>How many texts the build sent to the embedder (0 when everything came from the cache).</summary>
    public int EmbeddedTexts { get; }

    /// <summary>True when the build found a complete cache file for this model and library.</summary>
    public bool LoadedFromCache { get; }

    /// <summary>Vector length of the embedding model.</summary>
    public int Dimensions => _flat.Dims;

    /// <summary>Builds (or loads from the cache) the index of <paramref name="library"/> with <paramref name="embedder"/>.</summary>
    public static async Task<TemplateIndex> BuildAsync(TemplateLibrary library, IEmbeddingGenerator<string, Embedding<float>> embedder, TemplateIndexOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(options);
        if (options.FlatFields == TemplateTextFields.None) throw new ArgumentException("FlatFields must name at least one field", nameof(options));
        if (library.Templates.Count == 0) throw new ArgumentException($"library {library.Source} has no templates", nameof(library));

        var layout = Layout.Of(library, options.FlatFields, options.Scoring);
        var needed = layout.AllTexts().Distinct(StringComparer.Ordinal).ToDictionary(EmbeddingStore.Key, t => t);
        var modelId = options.ModelId ?? ModelIdOf(embedder);
        string? cacheFile = null;
        Dictionary<UInt128, float[]> vectors = [];
        if (options.UseCache)
        {
            var folder = EmbeddingStore.ModelFolder(options.ResolveCacheDirectory(), modelId);
            var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{modelId}\n{(int)options.FlatFields}\n{layout.FieldTexts.Length > 0}\n{library.ContentHash}")))[..32];
            cacheFile = Path.Combine(folder, key + ".bin");
            var cached = EmbeddingStore.TryRead(cacheFile);
            if (cached is not null && needed.Keys.All(cached.ContainsKey))
            {
                return new TemplateIndex(embedder, options, layout, t => cached[EmbeddingStore.Key(t)], cached.First().Value.Length, 0, fromCache: true);
            }
            foreach (var (k, v) in EmbeddingStore.ReadSiblings(folder, cacheFile))
            {
                if (needed.ContainsKey(k)) vectors[k] = v;
            }
        }

        var missing = needed.Where(p => !vectors.ContainsKey(p.Key)).Select(p => p.Value).ToList();
        var batch = Math.Max(1, options.BatchSize);
        for (var start = 0; start < missing.Count; start += batch)
        {
            var texts = missing.GetRange(start, Math.Min(batch, missing.Count - start));
            var embeddings = await embedder.GenerateAsync(texts, cancellationToken: ct).ConfigureAwait(false);
            if (embeddings.Count != texts.Count) throw new InvalidOperationException($"embedding model {modelId} returned {embeddings.Count} vectors for {texts.Count} texts");
            for (var i = 0; i < texts.Count; i++) vectors[EmbeddingStore.Key(texts[i])] = embeddings[i].Vector.ToArray();
            options.Progress?.Report((start + texts.Count, missing.Count));
        }

        var dims = vectors.First().Value.Length;
        if (vectors.Values.Any(v => v.Length != dims)) throw new InvalidOperationException($"embedding model {modelId} returned vectors of different lengths");
        if (cacheFile is not null) EmbeddingStore.Write(cacheFile, vectors, dims);
        return new TemplateIndex(embedder, options, layout, t => vectors[EmbeddingStore.Key(t)], dims, missing.Count, fromCache: false);
    }

    /// <summary>How this index scores flat search (from <see cref="TemplateIndexOptions.Scoring"/>).</summary>
    public TemplateScoring Scoring => _scoring;

    /// <inheritdoc />
    public async Task<IReadOnlyList<TemplateHit>> SearchAsync(string query, int k, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var q = _scoring == TemplateScoring.Lexical ? null : await EmbedQueryAsync(query, ct).ConfigureAwait(false);
        return Top(Scores(q, query), k);
    }

    /// <summary>
    /// Flat search with an already embedded query (any length; it is normalised here). Without the query text the
    /// lexical part is left out: <see cref="TemplateScoring.Lexical"/> and <see cref="TemplateScoring.Hybrid"/> score
    /// as <see cref="TemplateScoring.JointAndFieldMax"/>.
    /// </summary>
    public IReadOnlyList<TemplateHit> Search(ReadOnlySpan<float> queryVector, int k)
    {
        var q = queryVector.ToArray();
        VectorMatrix.Normalise(q);
        return Top(Scores(q, null), k);
    }

    /// <summary>1-based rank of template row <paramref name="row"/> for a query (ties count in its favour).</summary>
    internal int RankOf(string query, ReadOnlySpan<float> queryVector, int row)
    {
        var q = queryVector.ToArray();
        VectorMatrix.Normalise(q);
        var scores = Scores(q, query);
        var rank = 1;
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] > scores[row]) rank++;
        }
        return rank;
    }

    private TemplateHit[] Top(double[] scores, int k)
    {
        // A bounded min-heap keeps this O(n log k) for the 100,000-template libraries the benchmark builds.
        var heap = new PriorityQueue<int, (double Score, int Row)>(Comparer<(double Score, int Row)>.Create((a, b) => a.Score != b.Score ? a.Score.CompareTo(b.Score) : b.Row.CompareTo(a.Row)));
        for (var i = 0; i < scores.Length && k > 0; i++)
        {
            if (heap.Count < k) heap.Enqueue(i, (scores[i], i));
            else if (heap.TryPeek(out _, out var worst) && scores[i] >= worst.Score) heap.EnqueueDequeue(i, (scores[i], i));
        }
        var rows = new int[heap.Count];
        for (var j = rows.Length - 1; j >= 0; j--) rows[j] = heap.Dequeue();
        return [.. rows.Select(i => new TemplateHit(_templates[i], (float)scores[i]))];
    }

    /// <summary>Flat-search score of every template; <paramref name="text"/> null leaves out the lexical part.</summary>
    private double[] Scores(float[]? q, string? text)
    {
        var scoring = (text, _scoring) switch
        {
            (null, TemplateScoring.Lexical or TemplateScoring.Hybrid) => TemplateScoring.JointAndFieldMax,
            (null, TemplateScoring.JointHybrid) => TemplateScoring.Joint,
            _ => _scoring,
        };
        if (scoring == TemplateScoring.Lexical) return _lexical!.Scores(text!);
        ArgumentNullException.ThrowIfNull(q);
        var joint = new double[_templates.Length];
        for (var i = 0; i < joint.Length; i++) joint[i] = _flat.Score(i, q);
        if (scoring == TemplateScoring.JointHybrid) return Fuse(joint, _lexical!.Scores(text!));
        if (scoring == TemplateScoring.Joint || _fields.Rows == 0) return joint;
        var best = new double[_templates.Length];
        Array.Fill(best, double.NegativeInfinity);
        for (var s = 0; s < _fields.Rows; s++) best[_fieldOwner[s]] = Math.Max(best[_fieldOwner[s]], _fields.Score(s, q));
        if (scoring == TemplateScoring.FieldMax) return best;
        var dense = new double[joint.Length];
        for (var i = 0; i < dense.Length; i++) dense[i] = 0.5 * (joint[i] + best[i]);
        if (scoring == TemplateScoring.JointAndFieldMax) return dense;
        return Fuse(dense, _lexical!.Scores(text!));
    }

    /// <summary>
    /// Above ten times this many templates, fusion ranks only each ranking's first rows, as search engines' rank windows
    /// do: a row past the window would add less than 1/(k + 1000) to its fused score, far below any top-k score, while
    /// sorting 100,000 rows twice per query would cost more than the rest of the search. Smaller libraries (and every
    /// retrieval evaluation here) fuse exactly.
    /// </summary>
    private const int FusionWindow = 1000;

    private double[] Fuse(double[] dense, double[] lexical) =>
        ReciprocalRankFusion(_smoothing, [1, _lexicalWeight], dense.Length > 10 * FusionWindow ? FusionWindow : dense.Length, dense, lexical);

    /// <summary>The BM25 text of each template: the flat text, with name and tags repeated for field weighting.</summary>
    private static string[] LexicalTexts(ThoughtTemplate[] templates, string[] flat, TemplateIndexOptions options) =>
        options.LexicalNameWeight <= 1 ? flat
        : [.. templates.Select((t, i) => string.Join('\n', Enumerable.Repeat($"{t.Name}\n{string.Join(", ", t.Tags)}", options.LexicalNameWeight - 1).Append(flat[i])))];

    internal static double[] ReciprocalRankFusion(params double[][] rankings) => ReciprocalRankFusion(new TemplateIndexOptions().FusionSmoothing, [.. rankings.Select(_ => 1.0)], rankings);

    /// <summary>Exact reciprocal rank fusion: every row of every ranking is ranked.</summary>
    internal static double[] ReciprocalRankFusion(double smoothing, double[] weights, params double[][] rankings) =>
        ReciprocalRankFusion(smoothing, weights, int.MaxValue, rankings);

    /// <summary>
    /// Sum of weight/(smoothing + rank) over the rankings: robust to the two scores' different scales. Equal scores share
    /// the best rank, so a ranking that cannot tell rows apart (a query with no word in common with any template) adds
    /// nothing. Only each ranking's best <paramref name="window"/> rows are ranked; rows past it add nothing.
    /// </summary>
    internal static double[] ReciprocalRankFusion(double smoothing, double[] weights, int window, params double[][] rankings)
    {
        var n = rankings[0].Length;
        var fused = new double[n];
        var keys = new double[n];
        var order = new int[n];
        for (var which = 0; which < rankings.Length; which++)
        {
            var scores = rankings[which];
            var weight = weights[which];
            // Rows at the lowest score share the last rank, so only the others are ranked: for BM25 that leaves out
            // every template without a query word, most of a large library.
            var lowest = n == 0 ? 0 : scores.Min();
            var ranked = 0;
            for (var i = 0; i < n; i++)
            {
                if (scores[i] == lowest) continue;
                keys[ranked] = -scores[i];
                order[ranked++] = i;
            }
            var m = ranked > window ? KeepBest(keys, order, ranked, window) : ranked;
            // Sorting primitive keys in place is several times faster than a LINQ ordering at 100,000 rows.
            Array.Sort(keys, order, 0, m);
            var rank = 1;
            for (var r = 0; r < m; r++)
            {
                if (r > 0 && keys[r] != keys[r - 1]) rank = r + 1;
                fused[order[r]] += weight / (smoothing + rank);
            }
            if (ranked > window) continue;
            // Every row above the lowest score was ranked, so the lowest rows' shared rank is known exactly.
            var last = weight / (smoothing + ranked + 1);
            for (var i = 0; i < n; i++)
            {
                if (scores[i] == lowest) fused[i] += last;
            }
        }
        return fused;
    }

    /// <summary>Moves the <paramref name="window"/> smallest of the first <paramref name="count"/> keys, with their rows, to the front.</summary>
    private static int KeepBest(double[] keys, int[] order, int count, int window)
    {
        // A min-heap on the score (the negated key): its top is the worst row kept so far.
        var heap = new PriorityQueue<int, double>(window + 1);
        for (var j = 0; j < count; j++)
        {
            if (heap.Count < window) heap.Enqueue(j, -keys[j]);
            else if (heap.TryPeek(out _, out var worst) && -keys[j] > worst) heap.EnqueueDequeue(j, -keys[j]);
        }
        var kept = heap.UnorderedItems.Select(item => item.Element).Order().ToArray();
        for (var r = 0; r < kept.Length; r++)
        {
            // kept is ascending and kept[r] >= r, so each source is read before anything is written over it.
            keys[r] = keys[kept[r]];
            order[r] = order[kept[r]];
        }
        return kept.Length;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TemplateHit>> SearchHierarchicalAsync(string category, string direction, string method, int k, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        var vectors = await EmbedManyAsync([Or(category, method), Or(direction, method), method], ct).ConfigureAwait(false);
        var chapter = _chapters.TopK(vectors[0], 1)[0].Row;
        var hits = new List<TemplateHit>();
        foreach (var (section, sectionScore) in _sections.TopK(vectors[1], 2, _sectionsOfChapter[chapter]))
        {
            foreach (var (row, methodScore) in _names.TopK(vectors[2], k, _templatesOfSection[section]))
            {
                hits.Add(new TemplateHit(_templates[row], (0.9f * methodScore) + (0.1f * sectionScore)));
            }
        }
        return [.. hits.OrderByDescending(h => h.Score).Take(k)];
    }

    private static string Or(string value, string fallback) => string.IsNullOrWhiteSpace(value) ? fallback : value;

    private async Task<float[]> EmbedQueryAsync(string query, CancellationToken ct) => (await EmbedManyAsync([query], ct).ConfigureAwait(false))[0];

    private async Task<float[][]> EmbedManyAsync(string[] texts, CancellationToken ct)
    {
        var embeddings = await _embedder.GenerateAsync(texts, cancellationToken: ct).ConfigureAwait(false);
        return [.. embeddings.Select(e =>
        {
            var v = e.Vector.ToArray();
            if (v.Length != Dimensions) throw new InvalidOperationException($"query vector has {v.Length} dimensions, the index {Dimensions}");
            VectorMatrix.Normalise(v);
            return v;
        })];
    }

    private static VectorMatrix Fill(string[] texts, Func<string, float[]> vectorOf, int dims, bool compact = false)
    {
        var matrix = new VectorMatrix(texts.Length, dims, compact);
        for (var i = 0; i < texts.Length; i++) matrix.Set(i, vectorOf(texts[i]));
        return matrix;
    }

    internal static string ModelIdOf(IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        var meta = embedder.GetService<EmbeddingGeneratorMetadata>();
        if (meta?.DefaultModelId is null) throw new ArgumentException("the embedding generator does not report a model id; set TemplateIndexOptions.ModelId", nameof(embedder));
        return $"{meta.ProviderName}|{meta.ProviderUri}|{meta.DefaultModelId}";
    }

    /// <summary>The flat text of a template for a choice of fields.</summary>
    public static string FlatText(ThoughtTemplate template, TemplateTextFields fields)
    {
        ArgumentNullException.ThrowIfNull(template);
        return string.Join("\n", Pieces(template, fields, withExample: true));
    }

    /// <summary>The separately embedded pieces of a template for multi-vector scoring: one per field, one per scenario and step.</summary>
    internal static IEnumerable<string> FieldPieces(ThoughtTemplate template, TemplateTextFields fields) =>
        Pieces(template, fields, withExample: false).Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> Pieces(ThoughtTemplate template, TemplateTextFields fields, bool withExample)
    {
        var parts = new List<string>();
        if (fields.HasFlag(TemplateTextFields.Name)) parts.Add(template.Name);
        if (fields.HasFlag(TemplateTextFields.Type)) parts.Add(template.Type);
        if (fields.HasFlag(TemplateTextFields.Tags)) parts.Add(string.Join(", ", template.Tags));
        if (fields.HasFlag(TemplateTextFields.Description)) parts.Add(template.Description);
        if (fields.HasFlag(TemplateTextFields.Scenarios)) parts.AddRange(template.Scenarios);
        if (fields.HasFlag(TemplateTextFields.Steps)) parts.AddRange(template.Steps);
        if (withExample && fields.HasFlag(TemplateTextFields.Example))
            parts.AddRange(new[] { template.ExampleProblem, template.ExampleSolution, template.ExampleAnswer }.OfType<string>());
        return parts.Where(p => !string.IsNullOrWhiteSpace(p));
    }

    /// <summary>The texts an index embeds, and how chapters, sections and templates nest.</summary>
    private sealed record Layout(ThoughtTemplate[] Templates, string[] FlatTexts, string[] FieldTexts, int[] FieldOwner, TemplateScoring Scoring, string[] Chapters, (int Chapter, string Name)[] Sections, int[][] SectionsOfChapter, int[][] TemplatesOfSection)
    {
        public static Layout Of(TemplateLibrary library, TemplateTextFields fields, TemplateScoring scoring)
        {
            var templates = library.Templates.ToArray();
            var chapters = templates.Select(t => t.Chapter).Distinct(StringComparer.Ordinal).ToArray();
            var chapterIndex = chapters.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
            var sections = templates.Select(t => (Chapter: chapterIndex[t.Chapter], Name: t.Section)).Distinct().ToArray();
            var sectionIndex = sections.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i);
            var templatesOfSection = new List<int>[sections.Length];
            for (var s = 0; s < sections.Length; s++) templatesOfSection[s] = [];
            for (var i = 0; i < templates.Length; i++) templatesOfSection[sectionIndex[(chapterIndex[templates[i].Chapter], templates[i].Section)]].Add(i);
            var sectionsOfChapter = chapters.Select((_, c) => Enumerable.Range(0, sections.Length).Where(s => sections[s].Chapter == c).ToArray()).ToArray();
            var fieldTexts = new List<string>();
            var fieldOwner = new List<int>();
            if (scoring is not (TemplateScoring.Joint or TemplateScoring.Lexical or TemplateScoring.JointHybrid))
            {
                for (var i = 0; i < templates.Length; i++)
                {
                    foreach (var text in FieldPieces(templates[i], fields))
                    {
                        fieldTexts.Add(text);
                        fieldOwner.Add(i);
                    }
                }
            }
            return new Layout(templates, [.. templates.Select(t => FlatText(t, fields))], [.. fieldTexts], [.. fieldOwner], scoring, chapters, sections, sectionsOfChapter, [.. templatesOfSection.Select(l => l.ToArray())]);
        }

        public IEnumerable<string> AllTexts() => FlatTexts.Concat(FieldTexts).Concat(Templates.Select(t => t.Name)).Concat(Chapters).Concat(Sections.Select(s => s.Name));
    }
}
