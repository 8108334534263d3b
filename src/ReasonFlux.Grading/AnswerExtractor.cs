
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
        var boxed = FinalBoxes(text);
        budget?.ChargeScan(2 * text.Length);
        var anchored = Anchored(text);
        // The later of the last box and an explicit answer statement wins: "\boxed{200} … The final answer is 10,455".
        if (boxed is { } b && (anchored is not { } late || late.At < b.End)) return (b.Text, "boxed");
        if (anchored is { } a) return (a.Text, a.Rule);
        text = WithoutTrailingClause(text);
        budget?.ChargeScan(text.Length);
        var span = LastSpan(text);
        // A bare answer (the usual gold, and many short predictions) needs no last-number scan.
        if (span is null && LooksBare(text)) return (AnswerCleaner.DecimalCommaToPoint(text.Trim()), "bare");
        if (span is null && NumberWords.Value(text) is { } word) return (word, "bare");
        if (span is null && BooleanAnswer.Value(text) is { } yesNo) return (yesNo, "bare");
        if (options.UseLastNumber) budget?.ChargeScan(text.Length);
        var number = options.UseLastNumber ? LastNumber(text) : null;
        if (span is { } s && (number is null || number.Value.End <= s.End) && !string.IsNullOrWhiteSpace(s.Content)
            && ExpressionParser.TryParse(budget?.Clean(s.Content) ?? AnswerCleaner.Clean(s.Content), out _, budget) is not null)
            return (s.Content.Trim(), "latex");
        if (number is { } n) return (AnswerCleaner.DecimalCommaToPoint(n.Text), "last-number");
        if (span is { } s2 && !string.IsNullOrWhiteSpace(s2.Content)) return (s2.Content.Trim(), "latex");
        return options.UseLastNumber && NumberWords.Last(text) is { } lastWord ? (lastWord, "last-number") : null;
    }

    /// <summary>
    /// A gold answer is an answer, not a reply: its boxes (joined as a list when several end it), the whole of it
    /// when it parses or is bare, its math spans when only connectors lie between them ("$a$ and $b$"), a "final answer is" statement, and otherwise its whole text, compared as normalised text. Never its last number.
    /// </summary>
    internal static ExtractedAnswer ExtractGold(string gold, WorkBudget? budget)
    {
        var (text, thinking) = SplitThinking(gold);
        if (budget is not null) budget.Phase = "extraction";
        budget?.ChargeScan(text.Length);
        if (FinalBoxes(text) is { } boxed) return new ExtractedAnswer(boxed.Text, "boxed", thinking);
        var trimmed = text.Trim();
        if (trimmed.Length <= 4000 && (LooksBare(trimmed) || ProseFree(trimmed) && ExpressionParser.TryParse(budget?.Clean(trimmed) ?? AnswerCleaner.Clean(trimmed), out _, budget) is not null))
            return new ExtractedAnswer(AnswerCleaner.GoldDecimalCommaToPoint(trimmed), "given", thinking);
        if (SpanList(trimmed) is { } list) return new ExtractedAnswer(list, "latex", thinking);
        // A reference solution without a box that ends "The final answer is $28\%$" states its answer.
        budget?.ChargeScan(2 * text.Length);
        if (Anchored(text) is { Rule: "final-answer" } stated) return new ExtractedAnswer(stated.Text, stated.Rule, thinking);
        return new ExtractedAnswer(trimmed, "given", thinking);
    }

    /// <summary>The last box, joined with the boxes just before it when only connectors separate them.</summary>
    internal static string? Boxed(string text) => FinalBoxes(text)?.Text;
}
