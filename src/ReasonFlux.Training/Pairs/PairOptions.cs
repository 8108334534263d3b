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

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (Trajectories < 2) throw new ArgumentException($"trajectories must be at least 2 to form pairs (got {Trajectories})");
        if (Instantiations < 1) throw new ArgumentException($"instantiations must be at least 1 (got {Instantiations})");
        if (Concurrency < 1) throw new ArgumentException($"concurrency must be at least 1 (got {Concurrency})");
        if (Limit is < 1) throw new ArgumentException($"limit must be at least 1 (got {Limit})");
        if (MaxTokens < 1) throw new ArgumentException($"max tokens must be at least 1 (got {MaxTokens})");
        if (MinMargin is < 0 or >= 1) throw new ArgumentException($"the minimum margin must be in [0, 1) (got {MinMargin})");
    }
}
