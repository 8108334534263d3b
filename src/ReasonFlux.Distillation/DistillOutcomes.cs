namespace ReasonFlux.Distillation;

/// <summary>What became of one solved problem, as stored and reported.</summary>
public static class DistillOutcomes
{
    /// <summary>The template passed every check and is in the delta.</summary>
    public const string Kept = "kept";

    /// <summary>The template repeats one already in the library or distilled earlier.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The template was read but failed a check (schema, example answer).</summary>
    public const string FailedCheck = "failed_check";

    /// <summary>No template could be read from the reply, even after the repair request.</summary>
    public const string Unreadable = "unreadable";

    /// <summary>The backend failed; a resume tries the problem again.</summary>
    public const string Error = "error";
}
