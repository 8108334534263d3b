using ReasonFlux.Grading;

namespace ReasonFlux.Reasoning.Direct;

/// <summary>Settings of a direct long chain-of-thought solve (ReasonFlux-F1 mode).</summary>
public sealed record DirectSolverOptions
{
    /// <summary>Cap on generated tokens per sample, thinking and answer together. Default 32,768, as the original evaluates.</summary>
    public int MaxTokens { get; init; } = 32_768;

    /// <summary>Sampling temperature. Null: the backend's default.</summary>
    public float? Temperature { get; init; }

    /// <summary>Nucleus sampling. Null: the backend's default.</summary>
    public float? TopP { get; init; }

    /// <summary>Seed; sample i uses seed + i so samples differ but runs repeat. Null: random.</summary>
    public long? Seed { get; init; }

    /// <summary>Independent samples; the answer is the majority vote. Default 1.</summary>
    public int Samples { get; init; } = 1;

    /// <summary>Budget forcing: thinking ends after this many tokens and the answer is forced. Null: no limit.</summary>
    public int? ThinkingBudget { get; init; }

    /// <summary>Budget forcing: an end of thinking before this many tokens is replaced by <see cref="WaitText"/>. Null: none.</summary>
    public int? MinThinking { get; init; }

    /// <summary>The text that closes a thinking block. Default <c>&lt;/think&gt;</c>.</summary>
    public string ThinkingEndMarker { get; init; } = "</think>";

    /// <summary>What replaces an early end of thinking. Default "Wait", as in s1.</summary>
    public string WaitText { get; init; } = "Wait";

    /// <summary>Whether replies begin inside a thinking block (R1-distill prompts open it). Null: ask the backend.</summary>
    public bool? StartsInThinking { get; init; }

    /// <summary>The instruction around the problem; <c>{problem}</c> marks where it goes. Null: <c>Prompts/direct.instruction.md</c>.</summary>
    public string? Instruction { get; init; }

    /// <summary>How the final answer is read from a reply: math (default), an AIME integer, or a multiple-choice letter.</summary>
    public AnswerKind AnswerKind { get; init; } = AnswerKind.Auto;

    /// <summary>Optional system message.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>The sampling settings (temperature, top-p, seed, max tokens) as one value.</summary>
    public SamplingOptions Sampling => new() { Temperature = Temperature, TopP = TopP, Seed = Seed, MaxTokens = MaxTokens };

    /// <summary>Throws <see cref="SettingException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (MaxTokens < 1) throw SettingException.Invalid(Setting.Of<DirectSolverOptions>(nameof(MaxTokens), "max tokens"), MaxTokens, "must be at least 1");
        if (Samples < 1) throw SettingException.Invalid(Setting.Of<DirectSolverOptions>(nameof(Samples), "samples"), Samples, "must be at least 1");
        if (ThinkingBudget is { } budget && (budget < 1 || budget >= MaxTokens))
            throw SettingException.Invalid(Setting.Of<DirectSolverOptions>(nameof(ThinkingBudget), "thinking budget"), budget, $"must be between 1 and {MaxTokens - 1}, below the max tokens");
        if (MinThinking is { } min && (min < 1 || min > (ThinkingBudget ?? MaxTokens)))
            throw SettingException.Invalid(Setting.Of<DirectSolverOptions>(nameof(MinThinking), "min thinking"), min, $"must be between 1 and {ThinkingBudget ?? MaxTokens}, the thinking budget");
        Sampling.Validate();
    }
}
