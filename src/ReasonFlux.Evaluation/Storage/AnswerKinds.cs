using ReasonFlux.Grading;

namespace ReasonFlux.Evaluation.Storage;

/// <summary>How <see cref="AnswerKind"/> is written in results.db: lower-case names, so a renamed enum member cannot change stored runs.</summary>
public static class AnswerKinds
{
    /// <summary>The stored name: <c>auto</c>, <c>math</c>, <c>integer</c> or <c>choice</c>.</summary>
    public static string Name(AnswerKind kind) => kind switch
    {
        AnswerKind.Math => "math",
        AnswerKind.Integer => "integer",
        AnswerKind.Choice => "choice",
        _ => "auto",
    };

    /// <summary>Reads a stored name; null or unknown (runs stored before kinds were kept) is <see cref="AnswerKind.Auto"/>.</summary>
    public static AnswerKind Parse(string? name) => name switch
    {
        "math" => AnswerKind.Math,
        "integer" => AnswerKind.Integer,
        "choice" => AnswerKind.Choice,
        _ => AnswerKind.Auto,
    };
}
