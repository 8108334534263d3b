using System.Text;

namespace ReasonFlux.Templates;

/// <summary>
/// Okapi BM25 over one text per template. Words are lower-cased letters/digits runs with a light plural strip,
/// so "sequences" in a problem meets "sequence" in a template; LaTeX commands become words too and are
/// simply rare (high idf) or absent from the templates.
/// </summary>
internal sealed class LexicalIndex
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "if", "in", "into", "is", "it", "its", "of", "on", "or",
        "that", "the", "then", "this", "to", "we", "what", "when", "where", "which", "with", "let", "find", "given", "such", "all",
    };

    // Postings (document, term frequency) per word: a query touches only the documents that share a word with it.
    private readonly Dictionary<string, (int Doc, int Tf)[]> _postings;
    private readonly float[] _norms;

    public LexicalIndex(IReadOnlyList<string> documents)
    {
        Rows = documents.Count;
        var postings = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        var lengths = new int[documents.Count];
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            counts.Clear();
            foreach (var word in Words(documents[i]))
            {
                counts[word] = counts.GetValueOrDefault(word) + 1;
                lengths[i]++;
            }
            foreach (var (word, tf) in counts)
            {
                if (!postings.TryGetValue(word, out var list)) postings[word] = list = [];
                list.Add((i, tf));
            }
        }
        var averageLength = documents.Count == 0 ? 1 : Math.Max(1, lengths.Average());
        _norms = [.. lengths.Select(l => (float)(K1 * (1 - B + (B * l / averageLength))))];
        _postings = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    public int Rows { get; }

    /// <summary>BM25 score of every document for <paramref name="query"/> (repeated query words count once).</summary>
    public double[] Scores(string query)
    {
        var scores = new double[Rows];
        foreach (var word in Words(query).Distinct(StringComparer.Ordinal))
        {
            if (!_postings.TryGetValue(word, out var list)) continue;
            var idf = Math.Log(1 + ((Rows - list.Length + 0.5) / (list.Length + 0.5)));
            foreach (var (doc, tf) in list) scores[doc] += idf * tf * (K1 + 1) / (tf + _norms[doc]);
        }
        return scores;
    }

    internal static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }
            if (word.Length == 0) continue;
            var w = Stem(word.ToString());
            word.Clear();
            if (w.Length > 1 && !StopWords.Contains(w)) yield return w;
        }
    }

    private static string Stem(string word) =>
        word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;
}
