using System.Globalization;
using ReasonFlux.Templates;

namespace ReasonFlux.Distillation;

/// <summary>How templates are distilled and checked.</summary>
public sealed record DistillOptions
{
    /// <summary>Problems distilled at once. Default 4.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Only the first N solved problems. Null: all.</summary>
    public int? Limit { get; init; }

    /// <summary>Most tokens per distiller call. Default 2,048.</summary>
    public int MaxTokens { get; init; } = 2_048;

    /// <summary>Sampling temperature of the distiller. Default: the backend's.</summary>
    public float? Temperature { get; init; }

    /// <summary>
    /// Embedding similarity (cosine of the indexed template text) at or above which a template is a duplicate without
    /// asking the judge. Default 0.92.
    /// </summary>
    public double DuplicateSimilarity { get; init; } = 0.92;

    /// <summary>
    /// Similarity from which (up to <see cref="DuplicateSimilarity"/>) the borderline band starts: the LLM judge decides
    /// whether the two templates teach the same method. Default 0.80.
    /// </summary>
    public double JudgeSimilarity { get; init; } = 0.80;

    /// <summary>
    /// Least similarity between the section the distiller proposed and the section hierarchical retrieval found for the
    /// template to go into that section; below it the template opens a new section of that chapter (flagged). Default 0.5.
    /// </summary>
    public double SectionSimilarity { get; init; } = 0.5;

    /// <summary>The index the library is searched with (duplicates, placement). Default: the index defaults.</summary>
    public TemplateIndexOptions Index { get; init; } = new();

    /// <summary>Throws <see cref="SettingException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (Concurrency < 1) throw SettingException.Invalid(Setting.Of<DistillOptions>(nameof(Concurrency), "concurrency"), Concurrency, "must be at least 1");
        if (Limit is < 1) throw SettingException.Invalid(Setting.Of<DistillOptions>(nameof(Limit), "limit"), Limit, "must be at least 1");
        if (MaxTokens < 16) throw SettingException.Invalid(Setting.Of<DistillOptions>(nameof(MaxTokens), "max tokens"), MaxTokens, "must be at least 16");
        if (DuplicateSimilarity is <= 0 or > 1) throw SettingException.Invalid(Setting.Of<DistillOptions>(nameof(DuplicateSimilarity), "duplicate similarity"), DuplicateSimilarity, "must be in (0, 1]");
        if (JudgeSimilarity < 0 || JudgeSimilarity > DuplicateSimilarity)
            throw SettingException.Invalid(Setting.Of<DistillOptions>(nameof(JudgeSimilarity), "judge similarity"), JudgeSimilarity, $"must be in [0, {DuplicateSimilarity.ToString(System.Globalization.CultureInfo.InvariantCulture)}], the duplicate similarity");
        new Reasoning.SamplingOptions { Temperature = Temperature }.Validate();
        if (SectionSimilarity is < 0 or > 1) throw SettingException.Invalid(Setting.Of<DistillOptions>(nameof(SectionSimilarity), "section similarity"), SectionSimilarity, "must be in [0, 1]");
    }

    /// <summary>The settings a resumed distillation must share with the one that started the store.</summary>
    internal IReadOnlyDictionary<string, string> Fingerprint() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["duplicate_similarity"] = DuplicateSimilarity.ToString(CultureInfo.InvariantCulture),
        ["judge_similarity"] = JudgeSimilarity.ToString(CultureInfo.InvariantCulture),
        ["section_similarity"] = SectionSimilarity.ToString(CultureInfo.InvariantCulture),
        ["max_tokens"] = MaxTokens.ToString(CultureInfo.InvariantCulture),
        ["temperature"] = Temperature?.ToString(CultureInfo.InvariantCulture) ?? "",
        ["index_fields"] = ((int)Index.FlatFields).ToString(CultureInfo.InvariantCulture),
    };
}
