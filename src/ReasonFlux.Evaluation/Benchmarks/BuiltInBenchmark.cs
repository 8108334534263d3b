using ReasonFlux.Grading;

namespace ReasonFlux.Evaluation.Benchmarks;

/// <summary>A benchmark the tool knows by name: where it is published, its checksum and how to read it.</summary>
/// <param name="Name">The name users type (<c>math500</c>).</param>
/// <param name="FileName">The file name in the cache.</param>
/// <param name="Source">The public origin it is downloaded from on first use.</param>
/// <param name="Sha256">The expected lower-case hex SHA-256 of the file.</param>
/// <param name="Fields">The JSONL layout.</param>
/// <param name="Kind">How answers are compared.</param>
/// <param name="HashMarkedAnswer">True for GSM8K: the gold answer is what follows <c>####</c> in the answer field, which is also the worked solution.</param>
public sealed record BuiltInBenchmark(string Name, string FileName, Uri Source, string Sha256, JsonlFields Fields, AnswerKind Kind, bool HashMarkedAnswer = false);
