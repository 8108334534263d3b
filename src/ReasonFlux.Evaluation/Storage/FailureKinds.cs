namespace ReasonFlux.Evaluation.Storage;

/// <summary>The failure kinds a sample can have, as stored and reported.</summary>
public static class FailureKinds
{
    /// <summary>The reply holds an answer, and it is wrong.</summary>
    public const string WrongAnswer = "wrong_answer";

    /// <summary>No answer could be extracted from the reply.</summary>
    public const string NoAnswer = "no_answer";

    /// <summary>The sample ran past its time limit.</summary>
    public const string Timeout = "timeout";

    /// <summary>The solver or backend failed.</summary>
    public const string Error = "error";
}
