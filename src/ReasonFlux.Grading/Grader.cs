namespace ReasonFlux.Grading;

/// <summary>
/// Grades answers: extracts the answer from a reply and decides whether it is equivalent to the gold answer.
/// Pure and thread-safe; never throws for any input string (problems are reported in <see cref="Verdict.Reason"/>).
/// </summary>
public static partial class Grader
{
    /// <summary>Grades a prediction against a gold answer.</summary>
    /// <param name="gold">The reference answer, bare ("\frac{1}{2}", "B", "33"); a full solution also works (its boxed answer is used).</param>
    /// <param name="prediction">A full model reply or a bare answer.</param>
    /// <param name="kind">How to read the answers; <see cref="AnswerKind.Auto"/> picks Choice when the gold is a choice letter.</param>
    /// <param name="options">Grading options; null for the defaults.</param>
    public static Verdict Grade(string gold, string prediction, AnswerKind kind = AnswerKind.Auto, GradingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(prediction);
        options ??= GradingOptions.Default;
        try
        {
            var budget = WorkBudget.For(options);
            if (kind == AnswerKind.Auto) kind = IsChoiceGold(gold) ? AnswerKind.Choice : AnswerKind.Math;
            return kind == AnswerKind.Choice ? GradeChoice(gold, prediction, options, budget) : GradeMath(gold, prediction, kind, options, budget);
        }
        catch (BudgetExceededException ex)
        {
            // Extraction and parsing are bounded like the comparison itself: a reply too long or too odd to read
            // within the bound is "different", and the verdict says why.
            return new Verdict(false, $"over bound: {ex.Message}", null, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Parsing and comparing are written not to throw; this keeps a bug from stopping an evaluation run.
            return new Verdict(false, $"internal error: {ex.GetType().Name}: {ex.Message}", null, null);
        }
    }

    /// <summary>Compares two bare answers (no extraction).</summary>
    public static Verdict Equivalent(string a, string b, GradingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        options ??= GradingOptions.Default;
        var ga = new ExtractedAnswer(a, "given", null);
        var gb = new ExtractedAnswer(b, "given", null);
        try
        {
            var (equal, reason) = Compare(a, b, options, WorkBudget.For(options));
            return new Verdict(equal, reason, ga, gb);
        }
        catch (BudgetExceededException ex)
        {
            return new Verdict(false, $"over bound: {ex.Message}", ga, gb);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new Verdict(false, $"internal error: {ex.GetType().Name}: {ex.Message}", ga, gb);
        }
    }

    private static Verdict GradeChoice(string gold, string prediction, GradingOptions options, WorkBudget budget)
    {
        var g = AnswerExtractor.ExtractWithin(gold, AnswerKind.Choice, options.Extraction, budget);
        var p = AnswerExtractor.ExtractWithin(prediction, AnswerKind.Choice, options.Extraction, budget);
        if (g is null) return new Verdict(false, "no choice letter in the gold answer", null, p);
        if (p is null) return new Verdict(false, "no choice letter found in the prediction", g, null);
        var same = string.Equals(g.Text, p.Text, StringComparison.Ordinal);
        return new Verdict(same, same ? "same choice" : "different choice", g, p);
    }

    private static Verdict GradeMath(string gold, string prediction, AnswerKind kind, GradingOptions options, WorkBudget budget)
    {
        var g = AnswerExtractor.ExtractGold(gold, budget);
        ExtractedAnswer? p;
        try
        {
            p = AnswerExtractor.ExtractWithin(prediction, AnswerKind.Math, options.Extraction, budget);
        }
        catch (BudgetExceededException ex)
        {
            return new Verdict(false, $"over bound: {ex.Message}", g, null);
        }
        if (p is null) return new Verdict(false, "no answer found in the prediction", g, null);
        if (kind == AnswerKind.Integer)
        {
            if (AsInteger(p.Text, budget) is not { } pi) return new Verdict(false, "prediction is not an integer from 0 to 999", g, p);
            if (AsInteger(g.Text, budget) is not { } gi) return new Verdict(false, "gold is not an integer", g, p);
            return new Verdict(pi == gi, pi == gi ? "same integer" : "different integer", g, p);
        }
        try
        {
            var (equal, reason) = Compare(g.Text, p.Text, options, budget);
            return new Verdict(equal, reason, g, p);
        }
        catch (BudgetExceededException ex)
        {
            return new Verdict(false, $"over bound: {ex.Message}", g, p);
        }
    }

    private static int? AsInteger(string answer, WorkBudget budget)
    {
        // AoPS solutions box AIME answers as answer choices, e.g. \textbf{(113) }: in integer mode that is 113.
        answer = BoxedChoiceInteger().Replace(answer, "$1");
        budget.Phase = "parsing";
        var e = ExpressionParser.TryParse(budget.Clean(answer), out _, budget);
        if (e is null) return null;
        try
        {
            var value = ExactEvaluator.Evaluate(AnswerNormalizer.Normalize(e), budget);
            return value is { IsInteger: true } v && v.Numerator >= 0 && v.Numerator <= 999 ? (int)v.Numerator : null;
        }
        catch (BudgetExceededException ex) when (!ex.StopsGrading)
        {
            return null;
        }
    }

    private static (bool Equal, string Reason) Compare(string gold, string pred, GradingOptions options, WorkBudget budget)
    {
        budget.Phase = "parsing";
        var goldClean = budget.Clean(gold);
        var predClean = budget.Clean(pred);
        // "three" is 3 on either side.
        if (NumberWords.Value(goldClean) is { } goldWord) goldClean = goldWord;
        if (NumberWords.Value(predClean) is { } predWord) predClean = predWord;
        // "True" is answered by "Yes", "False" by "no": both sides must be one yes/no word.
        if (BooleanAnswer.Value(goldClean) is { } goldYesNo && BooleanAnswer.Value(predClean) is { } predYesNo)
            return (goldYesNo == predYesNo, $"yes/no: {(goldYesNo == predYesNo ? "equal" : "different")}");
        var goldKey = AnswerCleaner.CanonicalOfCleaned(goldClean);
        if (goldKey.Length > 0 && goldKey == AnswerCleaner.CanonicalOfCleaned(predClean)) return (true, "same text");
        var comparer = new ExpressionComparer(budget, options.DecimalPlaces);
        if (PlainNumber(goldClean) is { } goldNumber && PlainNumber(predClean) is { } predNumber)
        {
            // Plain numbers ("5", "-0.25", "033") on both sides, common in benchmarks: no tokens, tree or normalising.
            budget.Phase = "comparison";
            var same = comparer.EqualLiterals(goldNumber, predNumber);
            return (same, $"{comparer.LastMethod}: {(same ? "equal" : "different")}");
        }
        var g = ExpressionParser.TryParse(goldClean, out var goldError, budget);
        var p = ExpressionParser.TryParse(predClean, out var predError, budget);
        budget.Phase = "comparison";
        if (g is null || p is null)
        {
            var which = g is null ? $"gold not parsed ({goldError})" : $"prediction not parsed ({predError})";
            return (false, $"{which}; texts differ");
        }
        try
        {
            var equal = comparer.Equal(g, p);
            return (equal, $"{comparer.LastMethod}: {(equal ? "equal" : "different")}");
        }
        catch (BudgetExceededException ex)
        {
            return (false, $"over bound: {ex.Message}");
        }
    }

    /// <summary>An optional minus, digits and at most one inner decimal point (at most 18 characters), as the
    /// number it is; null for anything else.</summary>
    private static Num? PlainNumber(string s)
    {
        if (s.Length == 0 || s.Length > 18) return null;
        var start = s[0] == '-' ? 1 : 0;
        if (start == s.Length) return null;
        var dot = -1;
        for (var i = start; i < s.Length; i++)
        {
            if (s[i] == '.' && dot < 0 && i > start && i < s.Length - 1) dot = i;
            else if (!char.IsAsciiDigit(s[i])) return null;
        }
        var n = ExpressionParser.ParseNumber(start == 0 ? s : s[1..]);
        return start == 0 ? n : n with { Value = -n.Value };
    }

    /// <summary>A gold answer that is a choice letter: "B", "(B)", "(D) Alina", "the answer is C".</summary>
    internal static bool IsChoiceGold(string gold)
    {
        var trimmed = gold.Trim().Trim('$').Trim();
        if (trimmed.Length == 1 && trimmed[0] is >= 'A' and <= 'E') return true;
        if (trimmed.Any(char.IsAsciiDigit) || trimmed.Contains('\\', StringComparison.Ordinal) || trimmed.Length == 1) return false;
        return ChoiceExtractor.Strong(trimmed) is not null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*\\text(?:bf)?\s*\{\s*\(\s*(\d+)\s*\)\s*\}\s*$")]
    private static partial System.Text.RegularExpressions.Regex BoxedChoiceInteger();
}
