using System.Text.Json.Serialization;

namespace ReasonFlux.Evaluation.Metrics;

/// <summary>pass@1 over a group of problems (a subject, a level).</summary>
/// <param name="Problems">Problems in the group.</param>
/// <param name="Pass1">Mean over those problems of their fraction of correct samples.</param>
public sealed record GroupScore([property: JsonPropertyName("problems")] int Problems, [property: JsonPropertyName("pass@1")] double Pass1);
