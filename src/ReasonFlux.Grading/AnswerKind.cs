namespace ReasonFlux.Grading;

/// <summary>What kind of answer a problem expects; decides how answers are extracted and compared.</summary>
public enum AnswerKind
{
    /// <summary>Choose from the gold answer: a lone choice letter means <see cref="Choice"/>, otherwise <see cref="Math"/>.</summary>
    Auto,

    /// <summary>Any mathematical answer: numbers, expressions, sets, intervals, tuples, matrices, text.</summary>
    Math,

    /// <summary>An AIME-style integer from 0 to 999; leading zeros are ignored ("033" is 33).</summary>
#pragma warning disable CA1720 // "Integer" is the name the issue and callers use.
    Integer,
#pragma warning restore CA1720

    /// <summary>A multiple-choice letter A–J (GPQA style).</summary>
    Choice,
}
