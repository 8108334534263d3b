using ReasonFlux.Training.Datasets;

namespace ReasonFlux.Training.Tokens;

/// <summary>
/// Token length of an example as the model sees it in training: the turns framed in ChatML (Qwen's chat format; the
/// deepseekr1 template differs by a few tokens per turn), system prompt included.
/// </summary>
public static class ExampleTokens
{
    /// <summary>Tokens of a supervised example.</summary>
    public static int Count(QwenTokenizer tokenizer, SftExample example)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(example);
        return tokenizer.Count(Frame(example.System, example.Prompt, example.Response));
    }

    /// <summary>Tokens of the longer side of a preference pair (LLaMA-Factory cuts each side to <c>cutoff_len</c>).</summary>
    public static int Count(QwenTokenizer tokenizer, PreferenceExample example)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(example);
        return Math.Max(tokenizer.Count(Frame(example.System, example.Prompt, example.Chosen)), tokenizer.Count(Frame(example.System, example.Prompt, example.Rejected)));
    }

    private static string Frame(string? system, string prompt, string response)
    {
        var head = string.IsNullOrEmpty(system) ? "" : $"<|im_start|>system\n{system}<|im_end|>\n";
        return $"{head}<|im_start|>user\n{prompt}<|im_end|>\n<|im_start|>assistant\n{response}<|im_end|>\n";
    }
}
