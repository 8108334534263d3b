using ReasonFlux.Grading;

namespace ReasonFlux.Evaluation.Storage;

/// <summary>How a solver's answer is graded into a stored sample: the same at run time and on re-grading.</summary>
public static class SampleGrading
{
    /// <summary>Grades <paramref name="answer"/> (the solver's, null when it gave none) against <paramref name="gold"/>.</summary>
    public static GradedAnswer GradeAnswer(string gold, string? answer, AnswerKind kind) =>
        // Boxed, the answer is read back exactly as the solver gave it (a bare "\text{east}" would not be).
        GradeReply(gold, answer is null ? "" : $"\\boxed{{{answer}}}", kind);

    /// <summary>Grades a whole reply, reading its answer with the grader's own rules (runs stored before the solver's answer was kept).</summary>
    public static GradedAnswer GradeReply(string gold, string reply, AnswerKind kind)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(reply);
        var verdict = Grader.Grade(gold, reply, kind);
        var failure = verdict.Equivalent ? null : verdict.Predicted is null ? FailureKinds.NoAnswer : FailureKinds.WrongAnswer;
        return new GradedAnswer(verdict.Predicted?.Text, verdict.Equivalent, verdict.Reason, failure);
    }
}

/// <summary>A graded answer, as the sample columns hold it.</summary>
/// <param name="Extracted">The answer as the grader read it, or null.</param>
/// <param name="Correct">Whether it is equivalent to the gold answer.</param>
/// <param name="Verdict">The grader's reason.</param>
/// <param name="Failure">Why it is not correct (<see cref="FailureKinds"/>), or null.</param>
public sealed record GradedAnswer(string? Extracted, bool Correct, string Verdict, string? Failure);
