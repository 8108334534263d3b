using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace ReasonFlux.Training.Tokens;

/// <summary>
/// The Qwen2/Qwen2.5/Qwen3 byte-level BPE tokenizer (also DeepSeek-R1-Distill-Qwen's), built with Microsoft.ML.Tokenizers
/// from a folder holding <c>vocab.json</c>, <c>merges.txt</c> and optionally <c>added_tokens.json</c>. Qwen's
/// pre-tokenizer regex is not in those files, so it is supplied here; the text is NFC-normalised first, as Qwen does.
/// </summary>
public sealed partial class QwenTokenizer
{
    private readonly Tokenizer _tokenizer;

    private QwenTokenizer(Tokenizer tokenizer) => _tokenizer = tokenizer;

    /// <summary>Loads the tokenizer from <paramref name="directory"/>.</summary>
    /// <exception cref="FileNotFoundException">vocab.json or merges.txt is missing.</exception>
    /// <exception cref="InvalidDataException">added_tokens.json is not a JSON object of token → id.</exception>
    public static QwenTokenizer Load(string directory)
    {
        var vocab = Path.Combine(directory, "vocab.json");
        var merges = Path.Combine(directory, "merges.txt");
        foreach (var file in new[] { vocab, merges })
        {
            if (!File.Exists(file)) throw new FileNotFoundException($"{file}: not found (a Qwen tokenizer folder holds vocab.json and merges.txt)", file);
        }
        var added = ReadAddedTokens(Path.Combine(directory, "added_tokens.json"));
        var options = new BpeOptions(vocab, merges)
        {
            ByteLevel = true,
            SpecialTokens = added,
            PreTokenizer = new RegexPreTokenizer(PreTokenizerRegex(), added),
        };
        try
        {
            return new QwenTokenizer(BpeTokenizer.Create(options));
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or JsonException or FormatException)
        {
            throw new InvalidDataException($"{directory}: not a usable BPE tokenizer ({ex.Message})", ex);
        }
    }

    /// <summary>The token ids of <paramref name="text"/> (special tokens such as &lt;|im_start|&gt; become their ids).</summary>
    public IReadOnlyList<int> Encode(string text) => _tokenizer.EncodeToIds(Normalize(text));

    /// <summary>The number of tokens of <paramref name="text"/>.</summary>
    public int Count(string text) => _tokenizer.CountTokens(Normalize(text));

    /// <summary>The text of <paramref name="ids"/>.</summary>
    public string Decode(IEnumerable<int> ids) => _tokenizer.Decode(ids);

    private static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    private static Dictionary<string, int> ReadAddedTokens(string path)
    {
        if (!File.Exists(path)) return new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"{path}: expected a JSON object of token → id");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: line {ex.LineNumber + 1}: expected a JSON object of token → id ({ex.Message})", ex);
        }
    }

    [GeneratedRegex(@"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+")]
    private static partial Regex PreTokenizerRegex();
}
