namespace ReasonFlux.Reasoning.Flux;

/// <summary>Settings of a hierarchical template-guided solve (ReasonFlux-Zero mode).</summary>
public sealed record FluxSolverOptions
{
    /// <summary>Sampling temperature of every call. Default 0.6, as the original.</summary>
    public float? Temperature { get; init; } = 0.6f;

    /// <summary>Nucleus sampling of every call. Default 0.95, as the original.</summary>
    public float? TopP { get; init; } = 0.95f;

    /// <summary>Seed; sample i uses seed + i. Null: random.</summary>
    public long? Seed { get; init; }

    /// <summary>Most tokens generated per model call. Default 3,072, as the original.</summary>
    public int MaxTokensPerCall { get; init; } = 3_072;

    /// <summary>Most steps of a trajectory; longer plans are cut. Default 8.</summary>
    public int MaxSteps { get; init; } = 8;

    /// <summary>Most redos and re-plans per trajectory, together. Default 2.</summary>
    public int MaxRevisions { get; init; } = 2;

    /// <summary>Most tokens (prompt and generated, every call of every sample); the solve stops and answers with what it has. Null: no limit.</summary>
    public long? MaxTotalTokens { get; init; }

    /// <summary>Wall-time limit of the whole solve; the solve stops and answers with what it has. Null: no limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>How the main template is retrieved. Default hierarchical, as the original.</summary>
    public RetrievalMode Retrieval { get; init; } = RetrievalMode.Hierarchical;

    /// <summary>Templates kept per retrieval (recorded in the trace). Default 3.</summary>
    public int TopK { get; init; } = 3;

    /// <summary>
    /// Each step also searches the library with its own text; a different template scoring at least this much guides that
    /// step instead of the main one. Null: no per-step retrieval. Default 0.6.
    /// </summary>
    public float? StepTemplateMinScore { get; init; } = 0.6f;

    /// <summary>Ask the navigator to review each step (continue, redo, re-plan). Default true.</summary>
    public bool Review { get; init; } = true;

    /// <summary>Independent trajectories. Default 1.</summary>
    public int Samples { get; init; } = 1;

    /// <summary>How the answer is chosen among samples. Default majority vote.</summary>
    public SampleSelection Selection { get; init; } = SampleSelection.Majority;

    /// <summary>Whether the inference model's replies begin inside a thinking block (R1-distill prompts open it). Null: ask the backend.</summary>
    public bool? InferenceStartsInThinking { get; init; }

    /// <summary>The sampling settings (temperature, top-p, seed, max tokens per call) as one value.</summary>
    public SamplingOptions Sampling => new() { Temperature = Temperature, TopP = TopP, Seed = Seed, MaxTokens = MaxTokensPerCall };

    /// <summary>Throws <see cref="SettingException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (MaxTokensPerCall < 1) throw SettingException.Invalid(Setting.Of<FluxSolverOptions>(nameof(MaxTokensPerCall), "max tokens per call"), MaxTokensPerCall, "must be at least 1");
        if (MaxSteps < 1) throw SettingException.Invalid(Setting.Of<FluxSolverOptions>(nameof(MaxSteps), "max steps"), MaxSteps, "must be at least 1");
        if (MaxRevisions < 0) throw SettingException.Invalid(Setting.Of<FluxSolverOptions>(nameof(MaxRevisions), "max revisions"), MaxRevisions, "must be 0 or more");
        if (MaxTotalTokens is < 1) throw SettingException.Invalid(Setting.Of<FluxSolverOptions>(nameof(MaxTotalTokens), "max total tokens"), MaxTotalTokens, "must be at least 1");
        if (Timeout is { } t && t <= TimeSpan.Zero) throw SettingException.Invalid(Setting.Of<FluxSolverOptions>(nameof(Timeout), "timeout"), t.TotalSeconds, "must be a positive number of seconds");
        if (TopK < 1) throw SettingException.Invalid(Setting.Of<FluxSolverOptions>(nameof(TopK), "top-k"), TopK, "must be at least 1");
        if (Samples < 1) throw SettingException.Invalid(Setting.Of<FluxSolverOptions>(nameof(Samples), "samples"), Samples, "must be at least 1");
        Sampling.Validate();
    }
}
