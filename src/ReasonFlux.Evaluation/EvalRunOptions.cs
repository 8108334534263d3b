namespace ReasonFlux.Evaluation;

/// <summary>How a run is executed.</summary>
public sealed record EvalRunOptions
{
    /// <summary>Samples per problem (k). Default 1.</summary>
    public int Samples { get; init; } = 1;

    /// <summary>Samples solved at the same time. Default 8.</summary>
    public int Concurrency { get; init; } = 8;

    /// <summary>Only the first N problems. Null: all.</summary>
    public int? Limit { get; init; }

    /// <summary>Time limit per sample; a sample over it is stored as a timeout. Null: none.</summary>
    public TimeSpan? SampleTimeout { get; init; }

    /// <summary>Throws <see cref="SettingException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (Samples < 1) throw SettingException.Invalid(Setting.Of<EvalRunOptions>(nameof(Samples), "samples"), Samples, "must be at least 1");
        if (Concurrency < 1) throw SettingException.Invalid(Setting.Of<EvalRunOptions>(nameof(Concurrency), "concurrency"), Concurrency, "must be at least 1");
        if (Limit is < 1) throw SettingException.Invalid(Setting.Of<EvalRunOptions>(nameof(Limit), "limit"), Limit, "must be at least 1");
        if (SampleTimeout is { } t && t <= TimeSpan.Zero) throw SettingException.Invalid(Setting.Of<EvalRunOptions>(nameof(SampleTimeout), "sample timeout"), t.TotalSeconds, "must be a positive number of seconds");
    }
}
