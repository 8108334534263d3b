namespace ReasonFlux.Grading;

/// <summary>Options for <see cref="AnswerExtractor.Extract"/>. Null properties take their documented defaults.</summary>
public sealed record ExtractionOptions
{
    /// <summary>Shared default options.</summary>
    public static ExtractionOptions Default { get; } = new();

    /// <summary>When no boxed answer, anchor phrase, LaTeX span or bare answer is found, use the last number in the
    /// reply. Default: true.</summary>
    public bool? LastNumberFallback { get; init; }

    /// <summary>Longest reply examined, in characters; longer replies are cut to their last part. Default: 200,000.</summary>
    public int? MaxReplyLength { get; init; }

    internal bool UseLastNumber => LastNumberFallback ?? true;
    internal int ReplyLimit => MaxReplyLength is > 0 and var n ? n : 200_000;
}
