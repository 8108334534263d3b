using System.Globalization;

namespace ReasonFlux.Reasoning;

/// <summary>
/// How a model samples: temperature, nucleus threshold, seed and the token cap. One home for their range checks and for
/// the rule that sample i of a run uses seed + i (so samples differ but a run repeats).
/// </summary>
public sealed record SamplingOptions
{
    /// <summary>Sampling temperature, 0 to 2. Null: the solver's or backend's default.</summary>
    public float? Temperature { get; init; }

    /// <summary>Nucleus sampling threshold in (0, 1]. Null: the solver's or backend's default.</summary>
    public float? TopP { get; init; }

    /// <summary>Seed of sample 0; sample i uses seed + i. Null: random.</summary>
    public long? Seed { get; init; }

    /// <summary>Most tokens generated (per sample for the direct solver, per call for flux). Null: the solver's default.</summary>
    public int? MaxTokens { get; init; }

    /// <summary>Throws <see cref="SettingException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (Temperature is < 0 or > 2) throw SettingException.Invalid(Setting.Of<SamplingOptions>(nameof(Temperature), "temperature"), Temperature, "must be between 0 and 2");
        if (TopP is <= 0 or > 1) throw SettingException.Invalid(Setting.Of<SamplingOptions>(nameof(TopP), "top-p"), TopP, "must be in (0, 1]");
        if (MaxTokens is < 1) throw SettingException.Invalid(Setting.Of<SamplingOptions>(nameof(MaxTokens), "max tokens"), MaxTokens, "must be at least 1");
    }

    /// <summary>The settings of sample <paramref name="index"/>: the same, with the seed moved on by the index.</summary>
    public SamplingOptions ForSample(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return Seed is { } seed ? this with { Seed = seed + index } : this;
    }

    /// <summary>The seed of sample <paramref name="index"/> for a base seed, or null when there is none.</summary>
    public static long? SeedFor(long? seed, int index) => seed is { } s ? s + index : null;

    /// <summary>The values as text, for run manifests ("" where unset).</summary>
    public static string Text(float? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
