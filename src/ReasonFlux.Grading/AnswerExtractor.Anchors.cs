using System.Buffers;
using System.Text.RegularExpressions;

namespace ReasonFlux.Grading;

// Answer statements: "The final answer is …", "Answer: …", GSM8K's "#### 67" and "A: 67", and their equivalents in
// French, Spanish, German, Chinese and Russian.
public static partial class AnswerExtractor
{
    /// <summary>The answer after the last answer statement, its rule, and where the statement starts.</summary>
    private static (string Text, string Rule, int At)? Anchored(string text)
    {
        // Every anchor phrase holds one of these words and starts at most a few characters before it; the
        // case-insensitive pattern is slow to scan, so start it just before the first such word (or skip it).
        var first = FirstAnchorWord(text);
        if (first < 0) return null;
        // Value matches: no Match objects or match list for the anchors before the last.
        var (index, length) = (-1, 0);
        foreach (var m in AnswerAnchor().EnumerateMatches(text, Math.Max(0, first - 16))) (index, length) = (m.Index, m.Length);
        if (index < 0) return null;
        var anchor = text.AsSpan(index, length);
        var after = text[(index + length)..];
        var rule = anchor.Contains("final", StringComparison.OrdinalIgnoreCase) ? "final-answer"
            : anchor.Contains(':') || anchor.Contains('：') ? "answer-colon" : "answer-is";
        // "final answer is:\n" or "Answer: \"3\"": the colon, line break and quotes open the answer.
        after = after.TrimStart(' ', ':', '\n', '\r', '\t', '"', '\'', '`');
        var stop = AnchorStop().Match(after);
        if (stop.Success) after = after[..stop.Index];
        after = WithoutTrailingClause(after);
        // "The volume of $ABCDEFGH$ is 120": the answer follows the last " is ".
        var lastIs = after.LastIndexOf(" is ", StringComparison.Ordinal);
        if (lastIs >= 0 && LastSpan(after) is { } before && before.End <= lastIs) after = after[(lastIs + 4)..];
        // "The final answer is "$12$ and $13$"": spans joined by connectors are one list answer.
        if (SpanList(after.Trim().Trim('"', '\\', ' ', '*').TrimEnd('.', ' ', '"', '\\')) is { } list) return (list, rule, index);
        if (LastSpan(after) is { } span && !string.IsNullOrWhiteSpace(span.Content))
            // "Final Answer: $\boxed{}$" answers nothing: the box before it stands.
            return EmptyBox().IsMatch(span.Content) ? null : (span.Content.Trim(), rule, index);
        var sentence = SentenceEnd().Match(after) is { Success: true } end ? after[..end.Index] : after;
        // "Réponse : 12 pommes au total, 3 par jour": a clause after a comma explains the answer.
        if (ProseClause().Match(sentence) is { Success: true } clause) sentence = sentence[..clause.Index];
        sentence = NonAscii().Replace(sentence, " ").Trim().TrimEnd('.', ',', ';', ':', '!');
        // "12 pommes au total, 3 par jour": a number followed by words is the answer, whatever numbers come later.
        if (LeadingNumber().Match(sentence) is { Success: true } lead) return (lead.Groups[1].Value, rule, index);
        var isAt = sentence.LastIndexOf(" is ", StringComparison.Ordinal);
        if (isAt >= 0 && !LooksBare(sentence)) sentence = sentence[(isAt + 4)..];
        sentence = sentence.Trim().Trim('*', '"', '\'', '`').TrimEnd('.', ',').Trim();
        if (BooleanAnswer.Value(sentence) is { } yesNo) return (yesNo, rule, index);
        if (sentence.Length > 0 && LooksBare(sentence)) return (sentence, rule, index);
        if (LastNumber(sentence) is { } n) return (n.Text, rule, index);
        return NumberWords.Value(sentence) is { } word ? (word, rule, index) : null;
    }

    private static int FirstAnchorWord(string text)
    {
        // ASCII words only, so the search stays on its vectorised path: "ponse" stands for "réponse", two
        // characters earlier, which the 16-character lead before the pattern covers.
        var ascii = text.AsSpan().IndexOfAny(AnchorWords);
        var other = text.AsSpan().IndexOfAny(OtherAnchorWords);
        return ascii < 0 ? other : other < 0 ? ascii : Math.Min(ascii, other);
    }

    private static readonly SearchValues<string> AnchorWords =
        SearchValues.Create(["answer", "ponse", "respuesta", "antwort", "####", "a:"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<string> OtherAnchorWords = SearchValues.Create(["答", "твет"], StringComparison.Ordinal);

    /// <summary>A trailing "where $c_1, c_2$ are constants" clause: the answer ends before it.</summary>
    private static string WithoutTrailingClause(string text)
    {
        // Only the tail can hold the clause: the pattern never runs over more than its last 400 characters.
        var from = Math.Max(0, text.Length - 400);
        var m = TrailingClause().Match(text, from);
        return m.Success ? text[..m.Index] : text;
    }

    [GeneratedRegex(@"(?i)(final answer\s*(?:is|:)|the answer is|answer is|\banswer\s*:|réponse(?:\s+finale)?\s*(?:est|:)|respuesta(?:\s+final)?\s*(?:es|:)|antwort\s*(?:ist|lautet|:)|答案是|答案\s*[:：]|答案为|答\s*[:：]|ответ(?:\s+равен|\s*[:：])|####(?=\s*[-$\d.\\])|(?m:^[ \t]*A[ \t]*:(?=[^\n]{1,40}$)))")]
    private static partial Regex AnswerAnchor();

    [GeneratedRegex(@"I hope|<\||\n\s*\n|\bTherefore\b")]
    private static partial Regex AnchorStop();

    [GeneratedRegex(@"\.(\s|$)|。|\n")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^\**\s*(-?\d+(?:,\d{3})*(?:\.\d+)?(?:/\d+)?\s?%?)\**\s+[A-Za-z]{2}")]
    private static partial Regex LeadingNumber();

    [GeneratedRegex(@"^\s*\\+(?:boxed|fbox)\s*\{\s*\}\s*$")]
    private static partial Regex EmptyBox();

    [GeneratedRegex(@"[,;]\s+(?=\p{L}{2})|，|；")]
    private static partial Regex ProseClause();

    [GeneratedRegex(@"[^\x00-\x7F]+")]
    private static partial Regex NonAscii();

    [GeneratedRegex(@"(?i),?\s*\b(?:where|with|for)\b[^.\n]{0,200}?\b(?:is|are)\s+(?:an?\s+|some\s+|any\s+)?(?:arbitrary|real|integer|free)?\s*(?:constants?|parameters?|numbers?|integers?|arbitrary)\b[^\n]{0,40}$")]
    private static partial Regex TrailingClause();
}
