using System.Buffers;
using System.Text.RegularExpressions;

namespace ReasonFlux.Grading;

/// <summary>
/// Finds the answer in a model reply. After removing <c>&lt;think&gt;…&lt;/think&gt;</c>, the rules in order:
/// the last <c>\boxed{…}</c>/<c>\fbox{…}</c> (with boxes just before it joined when only "and", commas or spacing
/// separate them), an anchor phrase ("final answer is", "the answer is", "Answer:", "réponse est", "答案"), the
/// last LaTeX span (<c>$…$</c>, <c>\(…\)</c>, <c>\[…\]</c>) unless a number follows it, the whole reply when it is
/// a bare answer, and the last number (can be switched off). Choice letters have rules of their own.
/// </summary>
public static partial class AnswerExtractor
{
    /// <summary>Extracts the answer from <paramref name="reply"/>; null when no rule finds one. Never throws.</summary>
    /// <param name="reply">A full model reply or a bare answer.</param>
    /// <param name="kind">Choice replies are read for a letter; every other kind for a mathematical answer.</param>
    /// <param name="options">Extraction options; null for the defaults.</param>
    public static ExtractedAnswer? Extract(string reply, AnswerKind kind = AnswerKind.Auto, ExtractionOptions? options = null) =>
        ExtractWithin(reply, kind, options, null);

    /// <summary>Extraction under a grading's budget: throws <see cref="BudgetExceededException"/> once its work budget is spent.</summary>
    internal static ExtractedAnswer? ExtractWithin(string reply, AnswerKind kind, ExtractionOptions? options, WorkBudget? budget)
    {
        ArgumentNullException.ThrowIfNull(reply);
        options ??= ExtractionOptions.Default;
        // No pattern here has a match timeout (none can backtrack without bound), so nothing reads the clock.
        var (text, thinking) = SplitThinking(reply);
        if (text.Length > options.ReplyLimit) text = text[^options.ReplyLimit..];
        if (budget is not null) budget.Phase = "extraction";
        var found = kind == AnswerKind.Choice ? ChoiceExtractor.Extract(text) : ExtractMath(text, options, budget);
        return found is null ? null : new ExtractedAnswer(found.Value.Text, found.Value.Rule, thinking);
    }

    private static (string Text, string? Thinking) SplitThinking(string reply)
    {
        var close = reply.LastIndexOf("</think>", StringComparison.Ordinal);
        if (close < 0) return (reply, null);
        var open = reply.IndexOf("<think>", StringComparison.Ordinal);
        var thinkStart = open >= 0 && open < close ? open + "<think>".Length : 0;
        return (reply[(close + "</think>".Length)..], reply[thinkStart..close].Trim());
    }

    private static (string Text, string Rule)? ExtractMath(string text, ExtractionOptions options, WorkBudget? budget)
    {
        // Each rule is one or two linear scans of the reply, charged to the budget before it runs.
        budget?.ChargeScan(text.Length);
        if (Boxed(text) is { } boxed) return (boxed, "boxed");
        budget?.ChargeScan(2 * text.Length);
        if (Anchored(text) is { } anchored) return anchored;
        budget?.ChargeScan(text.Length);
        var span = LastSpan(text);
        // A bare answer (the usual gold, and many short predictions) needs no last-number scan.
        if (span is null && LooksBare(text)) return (AnswerCleaner.DecimalCommaToPoint(text.Trim()), "bare");
        if (options.UseLastNumber) budget?.ChargeScan(text.Length);
        var number = options.UseLastNumber ? LastNumber(text) : null;
        if (span is { } s && (number is null || number.Value.End <= s.End) && !string.IsNullOrWhiteSpace(s.Content)
            && ExpressionParser.TryParse(budget?.Clean(s.Content) ?? AnswerCleaner.Clean(s.Content), out _, budget) is not null)
            return (s.Content.Trim(), "latex");
        if (number is { } n) return (AnswerCleaner.DecimalCommaToPoint(n.Text), "last-number");
        if (span is { } s2 && !string.IsNullOrWhiteSpace(s2.Content)) return (s2.Content.Trim(), "latex");
        return null;
    }

    /// <summary>The last box, joined with the boxes just before it when only connectors separate them.</summary>
    internal static string? Boxed(string text)
    {
        // Most answers hold no box: a plain search is much cheaper than starting the pattern.
        if (!text.Contains("boxed", StringComparison.Ordinal) && !text.Contains("fbox", StringComparison.Ordinal)) return null;
        var boxes = new List<(int Start, int End, string Content)>();
        foreach (Match m in BoxCommand().Matches(text))
        {
            var (content, end) = BoxArgument(text, m.Index + m.Length);
            if (content is not null) boxes.Add((m.Index, end, content));
        }
        if (boxes.Count == 0) return null;
        var first = boxes.Count - 1;
        while (first > 0 && boxes[first - 1].End <= boxes[first].Start && IsConnectorGap(text[boxes[first - 1].End..boxes[first].Start])) first--;
        // Nested boxes (\boxed{\boxed{x}}) overlap; keep the outermost.
        var chosen = boxes.Skip(first).Where((b, i) => !boxes.Skip(first).Any(o => o.Start < b.Start && o.End >= b.End)).Select(b => b.Content.Trim());
        return string.Join(", ", chosen);
    }

    private static (string? Content, int End) BoxArgument(string text, int i)
    {
        while (i < text.Length && text[i] == ' ') i++;
        if (i >= text.Length) return (null, i);
        if (text[i] != '{')
        {
            // \boxed 5
            var j = i;
            while (j < text.Length && !char.IsWhiteSpace(text[j]) && text[j] != '$') j++;
            return j > i ? (text[i..j], j) : (null, j);
        }
        var level = 0;
        for (var k = i; k < text.Length; k++)
        {
            if (text[k] == '\\' && k + 1 < text.Length && text[k + 1] is '{' or '}') { k++; continue; }
            if (text[k] == '{') level++;
            else if (text[k] == '}' && --level == 0) return (text[(i + 1)..k], k + 1);
        }
        return (text[(i + 1)..], text.Length); // unclosed: take the rest
    }

    private static bool IsConnectorGap(string gap)
    {
        // A character that no connector contains survives the replacement and makes the gap prose; checking for
        // one first keeps a long gap from costing a full regex pass.
        foreach (var c in gap) if (!ConnectorChars.Contains(c) && !char.IsWhiteSpace(c)) return false;
        var rest = ConnectorWords().Replace(gap, "");
        return rest.Length == 0 || (rest.Length >= 3 && rest.All(c => c == rest[0] && c is '+' or '-' or '*' or '='));
    }

    private static (string Text, string Rule)? Anchored(string text)
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
        var stop = AnchorStop().Match(after);
        if (stop.Success) after = after[..stop.Index];
        // "The volume of $ABCDEFGH$ is 120": the answer follows the last " is ".
        var lastIs = after.LastIndexOf(" is ", StringComparison.Ordinal);
        if (lastIs >= 0 && LastSpan(after) is { } before && before.End <= lastIs) after = after[(lastIs + 4)..];
        if (LastSpan(after) is { } span && !string.IsNullOrWhiteSpace(span.Content)) return (span.Content.Trim(), rule);
        var sentence = SentenceEnd().Match(after) is { Success: true } end ? after[..end.Index] : after;
        sentence = NonAscii().Replace(sentence, " ").Trim().TrimEnd('.', ',', ';', ':', '!');
        var isAt = sentence.LastIndexOf(" is ", StringComparison.Ordinal);
        if (isAt >= 0 && !LooksBare(sentence)) sentence = sentence[(isAt + 4)..];
        sentence = sentence.Trim().Trim('*').Trim();
        if (sentence.Length > 0 && LooksBare(sentence)) return (sentence, rule);
        return LastNumber(sentence) is { } n ? (n.Text, rule) : null;
    }

    private static int FirstAnchorWord(string text)
    {
        // ASCII words only, so the search stays on its vectorised path: "ponse" stands for "réponse", two
        // characters earlier, which the 16-character lead before the pattern covers.
        var ascii = text.AsSpan().IndexOfAny(AnchorWords);
        var chinese = text.IndexOf("答案", StringComparison.Ordinal);
        return ascii < 0 ? chinese : chinese < 0 ? ascii : Math.Min(ascii, chinese);
    }

    private static readonly SearchValues<string> AnchorWords =
        SearchValues.Create(["answer", "ponse", "respuesta"], StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<char> ConnectorChars = SearchValues.Create("$\\{}[]()<>,;:!&+-*=abdemnoqrtux");

    private static (string Content, int End)? LastSpan(string text) => MathSpanScanner.Last(text);

    private static (string Text, int End)? LastNumber(string text)
    {
        var clean = text.Replace("{,}", ",", StringComparison.Ordinal).Replace("\\!", "", StringComparison.Ordinal);
        var (index, length) = (-1, 0);
        foreach (var m in NumberPattern().EnumerateMatches(clean)) (index, length) = (m.Index, m.Length);
        if (index < 0) return null;
        // Positions in the cleaned copy are close enough to order spans and numbers.
        return (clean.AsSpan(index, length).Trim().ToString(), index + length + (text.Length - clean.Length));
    }

    /// <summary>Short text with no prose: a formula, a number, a few known unit words.</summary>
    internal static bool LooksBare(string text)
    {
        if (text.Length > 400) return false;
        var stripped = text.Contains('\\', StringComparison.Ordinal) ? TextGroup().Replace(text, " ") : text;
        if (stripped.Any(c => c > 127 && char.IsLetter(c))) return false;
        foreach (Match m in LetterRun().Matches(stripped))
        {
            var w = m.Value;
            if (w.Length < 3 || LatexTokenizer.Words.Contains(w) || m.Index > 0 && stripped[m.Index - 1] == '\\') continue;
            if (OrGlued().IsMatch(w)) continue;
            return false;
        }
        return stripped.Trim().Length > 0;
    }

    [GeneratedRegex(@"\\+(?:boxed|fbox)(?![a-zA-Z])")]
    private static partial Regex BoxCommand();

    [GeneratedRegex(@"\$|\s|\\+quad|\\+qquad|\\+text\{\s*(and|or|,)?\s*\}|\\+mbox\{\s*(and|or|,)?\s*\}|\\+[,;: !]|\\\\?\[|\\\\?\]|\\\(|\\\)|\\n|,|;|\band\b|\bor\b|&")]
    private static partial Regex ConnectorWords();

    [GeneratedRegex(@"(?i)(final answer\s*(?:is|:)|the answer is|answer is|\banswer\s*:|réponse est|la réponse\s*:|respuesta es|答案是|答案\s*[:：]|答案为)")]
    private static partial Regex AnswerAnchor();

    [GeneratedRegex(@"I hope|<\||\n\s*\n|\bTherefore\b")]
    private static partial Regex AnchorStop();

    [GeneratedRegex(@"\.(\s|$)|。|\n")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[^\x00-\x7F]+")]
    private static partial Regex NonAscii();


    [GeneratedRegex(@"(?<![A-Za-z0-9_.,])-?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+|,\d{1,2}(?!\d))?(?:\s?%)?|(?<![\w.])\.\d+")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"\\+(?:text|mbox|textbf|mathrm|textit|begin|end)\s*\{[^{}]*\}")]
    private static partial Regex TextGroup();

    [GeneratedRegex(@"[A-Za-z]+")]
    private static partial Regex LetterRun();

    [GeneratedRegex(@"^(or|and)[A-Z]")]
    private static partial Regex OrGlued();
}
