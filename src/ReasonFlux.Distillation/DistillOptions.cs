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

    /// <summary>Throws <see cref="ArgumentException"/> naming the setting that is out of range.</summary>
    public void Validate()
    {
        if (Concurrency < 1) throw new ArgumentException($"concurrency must be at least 1 (got {Concurrency})");
        if (Limit is < 1) throw new ArgumentException($"limit must be at least 1 (got {Limit})");
        if (MaxTokens < 16) throw new ArgumentException($"max tokens must be at least 16 (got {MaxTokens})");
        if (DuplicateSimilarity is <= 0 or > 1) throw new ArgumentException($"the duplicate similarity must be in (0, 1] (got {DuplicateSimilarity})");
        if (JudgeSimilarity < 0 || JudgeSimilarity > DuplicateSimilarity)
            throw new ArgumentException($"the judge similarity must be in [0, duplicate similarity {DuplicateSimilarity}] (got {JudgeSimilarity})");
        if (SectionSimilarity is < 0 or > 1) throw new ArgumentException($"the section similarity must be in [0, 1] (got {SectionSimilarity})");
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
