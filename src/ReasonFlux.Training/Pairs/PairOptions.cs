namespace ReasonFlux.Training.Pairs;

/// <summary>How trajectory preference pairs are sampled and scored.</summary>
public sealed record PairOptions
{
    /// <summary>Trajectories sampled from the navigator per problem (m). Default 4.</summary>
    public int Trajectories { get; init; } = 4;

    /// <summary>Times the inference model instantiates each trajectory (r); a trajectory's score is its success rate. Default 4.</summary>
    public int Instantiations { get; init; } = 4;

    /// <summary>Model calls in flight at once. Default 4.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Only the first N problems. Null: all.</summary>
    public int? Limit { get; init; }

    /// <summary>Sampling temperature of every call. Default 0.6, as the original; trajectories must differ to be compared.</summary>
    public float? Temperature { get; init; } = 0.6f;

    /// <summary>Nucleus sampling of every call. Default 0.95.</summary>
    public float? TopP { get; init; } = 0.95f;

    /// <summary>Most tokens per call. Default 3,072, as the original.</summary>
    public int MaxTokens { get; init; } = 3_072;

    /// <summary>Seed; call j of a problem uses seed + j. Null: random.</summary>
    public long? Seed { get; init; }

    /// <summary>The least score difference for a pair. Default 0 (any strictly better trajectory is chosen over a worse one).</summary>
    public double MinMargin { get; init; }

    /// <summary>Throws <see cref="SettingException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (Trajectories < 2) throw SettingException.Invalid(Setting.Of<PairOptions>(nameof(Trajectories), "trajectories"), Trajectories, "must be at least 2 to form pairs");
        if (Instantiations < 1) throw SettingException.Invalid(Setting.Of<PairOptions>(nameof(Instantiations), "instantiations"), Instantiations, "must be at least 1");
        if (Concurrency < 1) throw SettingException.Invalid(Setting.Of<PairOptions>(nameof(Concurrency), "concurrency"), Concurrency, "must be at least 1");
        if (Limit is < 1) throw SettingException.Invalid(Setting.Of<PairOptions>(nameof(Limit), "limit"), Limit, "must be at least 1");
        if (MaxTokens < 1) throw SettingException.Invalid(Setting.Of<PairOptions>(nameof(MaxTokens), "max tokens"), MaxTokens, "must be at least 1");
        if (MinMargin is < 0 or >= 1) throw SettingException.Invalid(Setting.Of<PairOptions>(nameof(MinMargin), "minimum margin"), MinMargin, "must be in [0, 1)");
        new Reasoning.SamplingOptions { Temperature = Temperature, TopP = TopP }.Validate();
    }
}
