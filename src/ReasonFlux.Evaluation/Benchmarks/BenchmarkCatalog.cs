using ReasonFlux.Grading;

namespace ReasonFlux.Evaluation.Benchmarks;

/// <summary>
/// The built-in benchmarks. Each is pinned to a commit of its public source and checked against its SHA-256, so every
/// user evaluates byte-identical problems. GPQA-Diamond is not here: it is gated and read from the user's CSV.
/// </summary>
public static class BenchmarkCatalog
{
    private const string Qwen = "https://raw.githubusercontent.com/QwenLM/Qwen2.5-Math/a45202bd/evaluation/data/";

    /// <summary>Every built-in benchmark, by name.</summary>
    public static IReadOnlyList<BuiltInBenchmark> All { get; } =
    [
        new("math500", "math500.jsonl",
            new Uri("https://raw.githubusercontent.com/MobileLLM/BudgetThinker/f0466b9d/evaluation/data/math500/test_ori.jsonl"),
            "35dc41080a3680858b27fa7e0533d2d547825316fc5dafe5d316f4ccc5a06132",
            new JsonlFields("problem", "answer", Id: "unique_id", Solution: "solution", Subject: "subject", Level: "level"), AnswerKind.Math),
        new("aime24", "aime24.jsonl", new Uri(Qwen + "aime24/test.jsonl"),
            "af2b8bd2aa911b6333ad0df32f3ca05c7ae8ed10f1731f4372c8ae26990bf7ac",
            new JsonlFields("problem", "answer", Id: "id", Solution: "solution"), AnswerKind.Integer),
        new("aime25", "aime25.jsonl",
            new Uri("https://raw.githubusercontent.com/armenjeddi/mcd/76771f969048ebd77a1b4261b0a3469192c6f92a/evaluation/data/aime25/test.jsonl"),
            "19a9f25a12e89abaeea9f7e214f8b6f6eae43285e9d8df7a3818ca0408df4b07",
            new JsonlFields("problem", "answer", Id: "id", Solution: "solution"), AnswerKind.Integer),
        new("amc23", "amc23.jsonl", new Uri(Qwen + "amc23/test.jsonl"),
            "43707e1ca784602d8479de24ee8ce36609dbebc46dd152b0b12a46611aa898a4",
            new JsonlFields("problem", "answer", Id: "id"), AnswerKind.Math),
        new("gsm8k", "gsm8k.jsonl", new Uri(Qwen + "gsm8k/test.jsonl"),
            "9f098df7ff4522078d6ccec27a5c38a454790fdb51131bedfaa0e490070d5394",
            new JsonlFields("question", "answer", Id: "idx", Solution: "answer"), AnswerKind.Math, HashMarkedAnswer: true),
    ];

    /// <summary>The names accepted by <c>--benchmark</c>, GPQA included.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(b => b.Name), GpqaCsv.Name];

    /// <summary>The built-in benchmark with this name (case-insensitive), or null.</summary>
    public static BuiltInBenchmark? Find(string name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
}
