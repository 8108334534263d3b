using ReasonFlux.Tests;
using ReasonFlux.Training.Datasets;
using ReasonFlux.Training.Tokens;

namespace ReasonFlux.Training.Tests.Tokens;

public sealed class QwenTokenizerTests
{
    private static readonly Lazy<QwenTokenizer> Qwen = new(() => QwenTokenizer.Load(SharedData.Path("models/qwen2-tokenizer")));

    [Fact]
    public void Encodes_hello_world_to_the_known_qwen2_ids()
    {
        Assert.Equal([9707, 11, 1879, 0], Qwen.Value.Encode("Hello, world!"));
    }

    [Fact]
    public void Special_tokens_in_text_become_their_ids()
    {
        Assert.Equal([151644, 14990, 151645], Qwen.Value.Encode("<|im_start|>hello<|im_end|>"));
    }

    [Fact]
    public void Decoding_round_trips_math_text()
    {
        const string text = "Let $x^2 + 3x = 10$; then x ∈ {2, −5} and √4 = 2. 数学";
        Assert.Equal(text, Qwen.Value.Decode(Qwen.Value.Encode(text)));
    }

    [Fact]
    public void Example_length_counts_the_chatml_frame_around_the_turns()
    {
        var example = new SftExample("s", "Hello, world!", "Hello, world!");
        // Two 4-token texts plus the frame: <|im_start|> user \n ... <|im_end|> \n twice with "assistant".
        var framed = Qwen.Value.Count("<|im_start|>user\nHello, world!<|im_end|>\n<|im_start|>assistant\nHello, world!<|im_end|>\n");
        Assert.Equal(framed, ExampleTokens.Count(Qwen.Value, example));
        Assert.True(framed > 8);
    }

    [Fact]
    public void Stats_flag_examples_over_the_cutoff_longest_first()
    {
        var stats = TokenLengthStats.From([10, 300, 50, 2000, 20], cutoffLen: 100);
        Assert.Equal([(3, 2000), (1, 300)], stats.OverCutoff);
        Assert.Equal((5, 10, 2000, 50, 2000), (stats.Count, stats.Min, stats.Max, stats.P50, stats.P95));
    }

    [Fact]
    public void Missing_vocab_file_is_reported_with_its_path()
    {
        using var dir = new TempDir();
        var error = Assert.Throws<FileNotFoundException>(() => QwenTokenizer.Load(dir.Path));
        Assert.Contains(Path.Combine(dir.Path, "vocab.json"), error.Message, StringComparison.Ordinal);
    }
}
