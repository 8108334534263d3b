using System.Text.RegularExpressions;

namespace ReasonFlux.Grading;

/// <summary>
/// Finds a multiple-choice letter (A–E). Rules in order: <c>\boxed{B}</c>, "Answer: (B)", an anchor phrase
/// ("the answer is B", "correct option is B", "réponse est B"), a reply that starts with the letter ("(B) Paris",
/// "B。"), "**B**", and the last capital A–E standing alone. Lower-case letters never count.
/// </summary>
internal static partial class ChoiceExtractor
{
    public static (string Text, string Rule)? Extract(string text) => Strong(text) ?? Weak(text);

    /// <summary>The rules that only fire on a clear statement of the choice (used to recognise a choice gold answer).</summary>
    public static (string Text, string Rule)? Strong(string text)
    {
        if (AnswerExtractor.Boxed(text) is { } boxed && BoxedLetter().Match(boxed) is { Success: true } b) return (b.Groups[1].Value, "choice-boxed");
        if (Last(AnswerColon().Matches(text)) is { } colon) return (colon.Groups[1].Value, "choice-answer-colon");
        if (Last(Anchor().Matches(text)) is { } anchor) return (anchor.Groups[1].Value, "choice-answer-is");
        if (Leading().Match(text) is { Success: true } lead) return (lead.Groups[1].Value, "choice-leading");
        return null;
    }

    private static (string Text, string Rule)? Weak(string text)
    {
        if (Last(Bold().Matches(text)) is { } bold) return (bold.Groups[1].Value, "choice-bold");
        if (Last(Standalone().Matches(text)) is { } alone) return (alone.Groups[1].Value, "choice-last-letter");
        return null;
    }

    private static Match? Last(MatchCollection matches) => matches.Count == 0 ? null : matches[^1];

    [GeneratedRegex(@"^\s*(?:\\text\{|\\textbf\{|\\mathrm\{)?\s*\(?([A-E])\)?\s*\}?\s*$")]
    private static partial Regex BoxedLetter();

    [GeneratedRegex(@"(?i:answer)\s*\**\s*[:：]\s*\**\s*\(?([A-E])\)?(?![A-Za-z])")]
    private static partial Regex AnswerColon();

    [GeneratedRegex(@"(?i:answer is(?:\s+(?:for sure|definitely|clearly|certainly|probably|likely|most likely|option|choice))?|answer would be|correct option is|correct choice is|option is|choice is|réponse est|respuesta es|答案是|答案为)\s*[:：]?\s*\**\s*\(?([A-E])\)?(?![A-Za-z])")]
    private static partial Regex Anchor();

    [GeneratedRegex(@"^\s*\**\s*(?:(?i:definitely|clearly|certainly|surely|obviously)\s+)?\(?([A-E])(?:\)|\.|:|\s|$|[^\x00-\x7F])")]
    private static partial Regex Leading();

    [GeneratedRegex(@"\*\*\s*\(?([A-E])\)?\s*\*\*")]
    private static partial Regex Bold();

    // A letter after a negation in the same clause ("it can't be A or B") is ruled out, not chosen.
    [GeneratedRegex(@"(?<![A-Za-z'’])(?<!(?:\bnot|n't|n’t|\bnever|\bexcept)\b[^.;\n]{0,20})([A-E])(?![A-Za-z'’])")]
    private static partial Regex Standalone();
}
