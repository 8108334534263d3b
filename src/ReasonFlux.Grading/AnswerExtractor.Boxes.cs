using System.Buffers;
using System.Text.RegularExpressions;

namespace ReasonFlux.Grading;

// The final boxes of a reply: the last box, and the boxes just before it that answer the other parts of the question.
public static partial class AnswerExtractor
{
    /// <summary>At most this many boxes are joined into one list answer (a multi-part question has a few parts).</summary>
    private const int MaxJoinedBoxes = 16;

    /// <summary>The last non-empty box joined with the boxes before it that only connectors or a short clause
    /// without a discourse word separate from it ("\boxed{(3,3)} for part (a) and \boxed{(1,1)}"); its end.</summary>
    private static (string Text, int End)? FinalBoxes(string text)
    {
        // Most answers hold no box: a plain search is much cheaper than the scan.
        if (!text.Contains("boxed", StringComparison.Ordinal) && !text.Contains("fbox", StringComparison.Ordinal)) return null;
        var boxes = BoxScanner.Outermost(text);
        for (var k = 0; k < boxes.Count; k++) boxes[k] = BoxScanner.Innermost(text, boxes[k]);
        // An empty trailing \boxed{} answers nothing.
        var last = boxes.Count - 1;
        while (last >= 0 && boxes[last].IsEmpty(text)) last--;
        if (last < 0) return null;
        var first = last;
        while (first > 0 && last - first + 1 < MaxJoinedBoxes && !boxes[first - 1].IsEmpty(text)
               && JoinsBoxes(text, boxes[first - 1].End, boxes[first].Start))
            first--;
        if (first == last) return (boxes[last].Content(text).Trim(), boxes[last].End);
        var parts = new List<string>(last - first + 1);
        for (var k = first; k <= last; k++) parts.Add(boxes[k].Content(text).Trim());
        return (string.Join(", ", parts), boxes[last].End);
    }

    private static bool JoinsBoxes(string text, int from, int to)
    {
        var gap = text[from..to];
        if (IsConnectorGap(gap)) return true;
        // A short clause on the same paragraph, in no sentence of its own, with no word that argues or corrects.
        if (gap.Length > 80 || gap.Contains("\n\n", StringComparison.Ordinal) || gap.Contains(". ", StringComparison.Ordinal)
            || gap.Contains('。', StringComparison.Ordinal) || gap.Contains(".\n", StringComparison.Ordinal))
            return false;
        foreach (var m in LetterRun().EnumerateMatches(gap))
            if (DiscourseWords.Contains(gap.Substring(m.Index, m.Length).ToLowerInvariant())) return false;
        return true;
    }

    /// <summary>Words that make the text between two boxes an argument or a correction, not a list of answers.</summary>
    private static readonly HashSet<string> DiscourseWords = new(StringComparer.Ordinal)
    {
        "is", "are", "was", "were", "be", "thus", "so", "but", "therefore", "hence", "however", "wait", "actually", "then",
        "because", "since", "not", "instead", "which", "gives", "get", "gets", "becomes", "equals", "answer", "final",
        "check", "correct", "incorrect", "should", "would", "could", "mistake", "verify", "if", "when", "where", "than",
        "times", "plus", "minus", "no", "nope", "divided", "multiplied", "implies", "means", "yields", "total", "sum",
    };

    private static bool IsConnectorGap(string gap)
    {
        // A character that no connector contains survives the replacement and makes the gap prose; checking for
        // one first keeps a long gap from costing a full regex pass.
        foreach (var c in gap) if (!ConnectorChars.Contains(c) && !char.IsWhiteSpace(c)) return false;
        var rest = ConnectorWords().Replace(gap, "");
        return rest.Length == 0 || (rest.Length >= 3 && rest.All(c => c == rest[0] && c is '+' or '-' or '*' or '='));
    }

    private static readonly SearchValues<char> ConnectorChars = SearchValues.Create("$\\{}[]()<>,;:!&+-*=abdemnoqrtux");

    [GeneratedRegex(@"\$|\s|\\+quad|\\+qquad|\\+text\{\s*(and|or|,)?\s*\}|\\+mbox\{\s*(and|or|,)?\s*\}|\\+[,;: !]|\\\\?\[|\\\\?\]|\\\(|\\\)|\\n|,|;|\band\b|\bor\b|&")]
    private static partial Regex ConnectorWords();

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex LetterRun();
}
