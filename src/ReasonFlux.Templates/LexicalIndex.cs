using System.Collections.Frozen;

namespace ReasonFlux.Templates;

/// <summary>
/// Okapi BM25 over one text per template. Words are lower-cased letters/digits runs with a light plural strip,
/// so "sequences" in a problem meets "sequence" in a template; LaTeX commands become words too and are
/// simply rare (high idf) or absent from the templates.
/// </summary>
/// <remarks>
/// Postings are stored compressed-row style (one array of documents and one of term frequencies, sliced per
/// word), and words are looked up as spans, so building and querying allocate no string per word and a
/// 100,000-template index holds about 6 bytes per (word, template) pair.
/// </remarks>
internal sealed class LexicalIndex
{
    private readonly double _k1;
    private const int MaxWordLength = 64;
    private static readonly FrozenSet<string> StopWords = FrozenSet.Create(StringComparer.Ordinal,
    [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "if", "in", "into", "is", "it", "its", "of", "on", "or",
        "that", "the", "then", "this", "to", "we", "what", "when", "where", "which", "with", "let", "find", "given", "such", "all",
    ]);
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> StopLookup = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();

    private readonly Dictionary<string, int> _terms = new(StringComparer.Ordinal);
    private readonly int[] _start;
    private readonly int[] _docs;
    private readonly ushort[] _tfs;
    private readonly float[] _norms;

    /// <param name="documents">One text per row.</param>
    /// <param name="k1">Term-frequency saturation (the usual 1.2).</param>
    /// <param name="b">Length normalisation, 0 (none) to 1 (full); the usual 0.75.</param>
    public LexicalIndex(IReadOnlyList<string> documents, double k1 = 1.2, double b = 0.75)
    {
        Rows = documents.Count;
        _k1 = k1;
        var lookup = _terms.GetAlternateLookup<ReadOnlySpan<char>>();
        // Document-major (term, tf) pairs first; transposed into per-term postings once every document is read.
        var pairs = new List<(int Term, int Tf)>();
        var docEnd = new int[documents.Count];
        var tfOfTerm = new int[1024];
        var touched = new List<int>();
        var lengths = new int[documents.Count];
        Span<char> buffer = stackalloc char[MaxWordLength + 1];
        for (var i = 0; i < documents.Count; i++)
        {
            var reader = new WordReader(documents[i]);
            while (reader.Next(buffer, out var word))
            {
                if (!lookup.TryGetValue(word, out var id))
                {
                    id = _terms.Count;
                    lookup[word] = id;
                    if (id >= tfOfTerm.Length) Array.Resize(ref tfOfTerm, tfOfTerm.Length * 2);
                }
                if (tfOfTerm[id]++ == 0) touched.Add(id);
                lengths[i]++;
            }
            foreach (var id in touched)
            {
                pairs.Add((id, tfOfTerm[id]));
                tfOfTerm[id] = 0;
            }
            touched.Clear();
            docEnd[i] = pairs.Count;
        }

        _start = new int[_terms.Count + 1];
        foreach (var (term, _) in pairs) _start[term + 1]++;
        for (var t = 0; t < _terms.Count; t++) _start[t + 1] += _start[t];
        _docs = new int[pairs.Count];
        _tfs = new ushort[pairs.Count];
        var fill = _start[..^1];
        for (int i = 0, p = 0; i < documents.Count; i++)
        {
            for (; p < docEnd[i]; p++)
            {
                var (term, tf) = pairs[p];
                _docs[fill[term]] = i;
                _tfs[fill[term]++] = (ushort)Math.Min(tf, ushort.MaxValue);
            }
        }
        var averageLength = documents.Count == 0 ? 1 : Math.Max(1, lengths.Average());
        _norms = [.. lengths.Select(l => (float)(k1 * (1 - b + (b * l / averageLength))))];
    }

    public int Rows { get; }

    /// <summary>BM25 score of every document for <paramref name="query"/> (repeated query words count once).</summary>
    public double[] Scores(string query)
    {
        var scores = new double[Rows];
        var lookup = _terms.GetAlternateLookup<ReadOnlySpan<char>>();
        var seen = new HashSet<int>();
        Span<char> buffer = stackalloc char[MaxWordLength + 1];
        var reader = new WordReader(query);
        while (reader.Next(buffer, out var word))
        {
            if (!lookup.TryGetValue(word, out var term) || !seen.Add(term)) continue;
            var from = _start[term];
            var df = _start[term + 1] - from;
            var idf = Math.Log(1 + ((Rows - df + 0.5) / (df + 0.5)));
            for (var p = from; p < from + df; p++)
            {
                var doc = _docs[p];
                double tf = _tfs[p];
                scores[doc] += idf * tf * (_k1 + 1) / (tf + _norms[doc]);
            }
        }
        return scores;
    }

    /// <summary>The words BM25 sees in <paramref name="text"/>, in order (for tests and diagnostics).</summary>
    internal static IEnumerable<string> Words(string text)
    {
        var words = new List<string>();
        Span<char> buffer = stackalloc char[MaxWordLength + 1];
        var reader = new WordReader(text);
        while (reader.Next(buffer, out var word)) words.Add(word.ToString());
        return words;
    }

    /// <summary>
    /// Walks a text's letter/digit runs, lower-cased and stemmed into a caller's buffer; skips stop words and single
    /// letters. A run with a subscript (<c>a_n</c>, <c>a_{n+1}</c>, <c>S_n</c>, <c>aₙ</c>, <c>x₁</c>) also yields the
    /// subscripted symbol as one word (<c>a_n</c>, <c>a_n+1</c>, <c>s_n</c>, <c>a_n</c>, <c>x_1</c>): in formulas the
    /// symbols are what carries meaning, and LaTeX and Unicode spellings meet.
    /// </summary>
    private struct WordReader(string text)
    {
        private const int MaxSubscript = 16;
        private int _at;
        private int _symbolStart = -1;

        public bool Next(Span<char> buffer, out ReadOnlySpan<char> word)
        {
            while (true)
            {
                if (_symbolStart >= 0)
                {
                    var symbol = Subscripted(_symbolStart, buffer);
                    _symbolStart = -1;
                    if (symbol > 0)
                    {
                        word = buffer[..symbol];
                        return true;
                    }
                }
                while (_at < text.Length && !IsWordChar(text[_at])) _at++;
                if (_at >= text.Length) break;
                var start = _at;
                var length = 0;
                while (_at < text.Length && IsWordChar(text[_at]))
                {
                    // Very long runs (base64, glued LaTeX) keep their first characters: enough to match, bounded memory.
                    if (length < MaxWordLength) buffer[length++] = char.ToLowerInvariant(text[_at]);
                    _at++;
                }
                if (_at < text.Length && length <= MaxWordLength - MaxSubscript - 1 && (text[_at] == '_' || Subscript(text[_at]) != '\0')) _symbolStart = start;
                word = Stem(buffer, length);
                if (word.Length > 1 && !StopLookup.Contains(word)) return true;
            }
            word = default;
            return false;
        }

        /// <summary>Writes "run_subscript" for the run at <paramref name="start"/> (its subscript at <c>_at</c>) and moves past the subscript; 0 when there is no symbol.</summary>
        private int Subscripted(int start, Span<char> buffer)
        {
            // A coefficient glued to the symbol (2a_n) is not part of it.
            while (start < _at && char.IsDigit(text[start])) start++;
            if (start == _at) return 0;
            var length = 0;
            for (var i = start; i < _at; i++) buffer[length++] = char.ToLowerInvariant(text[i]);
            buffer[length++] = '_';
            var before = length;
            if (text[_at] != '_')
            {
                for (; _at < text.Length && Subscript(text[_at]) is var c && c != '\0' && length - before < MaxSubscript; _at++) buffer[length++] = c;
            }
            else if (++_at < text.Length && text[_at] == '{')
            {
                for (_at++; _at < text.Length && text[_at] != '}' && length - before < MaxSubscript; _at++)
                {
                    var c = text[_at];
                    if (char.IsLetterOrDigit(c) || c is '+' or '-') buffer[length++] = char.ToLowerInvariant(c);
                }
            }
            else
            {
                for (; _at < text.Length && char.IsLetterOrDigit(text[_at]) && Subscript(text[_at]) == '\0' && length - before < MaxSubscript; _at++) buffer[length++] = char.ToLowerInvariant(text[_at]);
            }
            return length > before ? length : 0;
        }

        private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) && Subscript(c) == '\0';

        /// <summary>The ASCII for a Unicode subscript character (x₁, aₙ, ₊), or '\0'.</summary>
        private static char Subscript(char c) => c switch
        {
            >= '\u2080' and <= '\u2089' => (char)('0' + (c - '\u2080')),
            '\u208A' => '+',
            '\u208B' => '-',
            '\u2090' => 'a',
            '\u2091' => 'e',
            '\u2092' => 'o',
            '\u2093' => 'x',
            '\u2095' => 'h',
            '\u2096' => 'k',
            '\u2097' => 'l',
            '\u2098' => 'm',
            '\u2099' => 'n',
            '\u209A' => 'p',
            '\u209B' => 's',
            '\u209C' => 't',
            '\u1D62' => 'i',
            '\u1D63' => 'r',
            '\u2C7C' => 'j',
            _ => '\0',
        };

        private static ReadOnlySpan<char> Stem(Span<char> w, int length)
        {
            if (length > 4 && w[..length].EndsWith("ies"))
            {
                w[length - 3] = 'y';
                return w[..(length - 2)];
            }
            if (length > 3 && w[length - 1] == 's' && w[length - 2] != 's') return w[..(length - 1)];
            return w[..length];
        }
    }
}
