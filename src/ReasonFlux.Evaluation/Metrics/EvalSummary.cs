using System.Text.Json.Serialization;

namespace ReasonFlux.Evaluation.Metrics;

/// <summary>The figures of a run, as written to <c>summary.json</c> and printed by <c>reasonflux eval --json</c>.</summary>
public sealed record EvalSummary
{
    /// <summary>Benchmark name.</summary>
    [JsonPropertyName("benchmark")] public required string Benchmark { get; init; }

    /// <summary>Solver name.</summary>
    [JsonPropertyName("solver")] public required string Solver { get; init; }

    /// <summary>Model id ("" for the reference solver).</summary>
    [JsonPropertyName("model")] public required string Model { get; init; }

    /// <summary>Problems with at least one stored sample.</summary>
    [JsonPropertyName("problems")] public int Problems { get; init; }

    /// <summary>Problems the run covers (after --limit).</summary>
    [JsonPropertyName("problems_total")] public int ProblemsTotal { get; init; }

    /// <summary>Problems in the whole benchmark; more than <see cref="ProblemsTotal"/> when --limit took a subset (0 when a run from an older build did not record it).</summary>
    [JsonPropertyName("benchmark_problems")] public int BenchmarkProblems { get; init; }

    /// <summary>True when --limit ran only the first <see cref="ProblemsTotal"/> of the benchmark's problems: the figures are not the benchmark's score.</summary>
    [JsonPropertyName("subset")] public bool Subset { get; init; }

    /// <summary>Completed samples (failed ones are counted in <see cref="Errors"/>).</summary>
    [JsonPropertyName("samples")] public int Samples { get; init; }

    /// <summary>Samples per problem (k).</summary>
    [JsonPropertyName("k")] public int K { get; init; }

    /// <summary>Mean over problems of the fraction of correct samples: the paper's pass@1 (a fraction in [0, 1]).</summary>
    [JsonPropertyName("pass@1")] public double Pass1 { get; init; }

    /// <summary>95% bootstrap confidence interval of <see cref="Pass1"/> (problems resampled).</summary>
    [JsonPropertyName("pass@1_ci95")] public required IReadOnlyList<double> Pass1Ci95 { get; init; }

    /// <summary>Fraction of problems whose majority answer over k samples is correct.</summary>
    [JsonPropertyName("maj@k")] public double MajK { get; init; }

    /// <summary>Unbiased pass@k (Chen et al. 2021): chance that at least one of k samples is correct.</summary>
    [JsonPropertyName("pass@k")] public double PassK { get; init; }

    /// <summary>Samples that failed with an error or timeout.</summary>
    [JsonPropertyName("errors")] public int Errors { get; init; }

    /// <summary>Incorrect samples by kind: wrong_answer, no_answer, timeout, error.</summary>
    [JsonPropertyName("failures")] public required IReadOnlyDictionary<string, int> Failures { get; init; }

    /// <summary>Mean reply length in characters.</summary>
    [JsonPropertyName("mean_reply_chars")] public double MeanReplyChars { get; init; }

    /// <summary>Mean generated tokens per sample.</summary>
    [JsonPropertyName("mean_completion_tokens")] public double MeanCompletionTokens { get; init; }

    /// <summary>Prompt tokens of the whole run.</summary>
    [JsonPropertyName("prompt_tokens")] public long PromptTokens { get; init; }

    /// <summary>Generated tokens of the whole run.</summary>
    [JsonPropertyName("completion_tokens")] public long CompletionTokens { get; init; }

    /// <summary>pass@1 by subject (MATH500, GPQA domain); empty when the benchmark has none.</summary>
    [JsonPropertyName("by_subject")] public required IReadOnlyDictionary<string, GroupScore> BySubject { get; init; }

    /// <summary>pass@1 by level (MATH500); empty when the benchmark has none.</summary>
    [JsonPropertyName("by_level")] public required IReadOnlyDictionary<string, GroupScore> ByLevel { get; init; }

    /// <summary>SHA-256 of the benchmark file.</summary>
    [JsonPropertyName("benchmark_sha256")] public required string BenchmarkSha256 { get; init; }

    /// <summary>Tool version that started the run.</summary>
    [JsonPropertyName("tool_version")] public required string ToolVersion { get; init; }

    /// <summary>Commit the tool was built from.</summary>
    [JsonPropertyName("git_commit")] public required string GitCommit { get; init; }
}
