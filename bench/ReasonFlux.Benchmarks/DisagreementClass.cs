using System.Globalization;
using System.Text.RegularExpressions;
using ReasonFlux.Grading;

namespace ReasonFlux.Benchmarks;

/// <summary>
/// Sorts a disagreement between our grader and the expected verdict into the behaviour class it most likely comes
/// from, by simple looks at the gold, the extracted answer and the reason. A first cut for reading the misses, not a
/// diagnosis: the first matching class wins, in the order of <see cref="Names"/>.
/// </summary>
internal static partial class DisagreementClass
{
    public static readonly string[] Names = ["true/false", "extraction", "choices", "percent", "intervals", "lists", "equations", "units", "numeric tolerance", "other"];

    public static string Of(string gold, Verdict verdict)
    {
        var predicted = verdict.Predicted;
        if (TrueFalse().IsMatch(gold.Trim())) return "true/false";
        if (predicted is null || predicted.Rule == "last-number" || LooksTruncatedOrWrapped(predicted.Text)) return "extraction";
        var text = predicted.Text;
        if (ChoiceLetter().IsMatch(gold.Trim()) || predicted.Rule.StartsWith("choice", StringComparison.Ordinal)) return "choices";
        if (Percent().IsMatch(gold) || Percent().IsMatch(text)) return "percent";
        if (Interval().IsMatch(gold) || Interval().IsMatch(text)) return "intervals";
        if (ListLike(gold) || ListLike(text)) return "lists";
        if (gold.Contains('=', StringComparison.Ordinal) || text.Contains('=', StringComparison.Ordinal)) return "equations";
        if (Unit().IsMatch(gold) || Unit().IsMatch(text)) return "units";
        if (IsNumber(gold) && IsNumber(text)) return "numeric tolerance";
        return "other";
    }

    // Quotes, a dangling colon or operator, or a trailing sentence stop mean the extracted span is not an answer.
    private static bool LooksTruncatedOrWrapped(string text)
    {
        var t = text.Trim();
        return t.Length == 0 || t.Contains('"', StringComparison.Ordinal) || t.Contains('\n', StringComparison.Ordinal)
            || t.Contains("\\n", StringComparison.Ordinal) || t.EndsWith('.') || t.EndsWith(':') || t.EndsWith('+') || t.EndsWith('-') || t.StartsWith(':');
    }

    private static bool ListLike(string s) =>
        s.Contains(',', StringComparison.Ordinal) && !ThousandsNumber().IsMatch(s.Trim()) || s.Contains("\\text{ and }", StringComparison.Ordinal) || s.Contains(" and ", StringComparison.Ordinal);

    private static bool IsNumber(string s) =>
        double.TryParse(s.Trim().Replace("\\%", "", StringComparison.Ordinal).TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out _) || SciNumber().IsMatch(s.Trim());

    [GeneratedRegex(@"^(true|false|yes|no)$", RegexOptions.IgnoreCase)]
    private static partial Regex TrueFalse();

    [GeneratedRegex(@"\\?%|\\percent|\bpercent\b")]
    private static partial Regex Percent();

    [GeneratedRegex(@"^\(?[A-Ea-e]\)?$")]
    private static partial Regex ChoiceLetter();

    [GeneratedRegex(@"\\in\b|\\le|\\ge|[<>≤≥]|\\infty|\\cup|^\s*(\[[^,\])]+,[^,\])]+\)|\([^,\])]+,[^,\])]+\])\s*$")]
    private static partial Regex Interval();

    [GeneratedRegex(@"\\text\s*\{|\\mbox|\\mathrm\s*\{\s*[a-zA-Z]|\^\s*\\circ|°|\b(cm|mm|km|kg|m/s|dollars?|inches|feet|hours?|minutes?|seconds?|degrees?)\b")]
    private static partial Regex Unit();

    [GeneratedRegex(@"^-?\d{1,3}(,\d{3})+(\.\d+)?$")]
    private static partial Regex ThousandsNumber();

    [GeneratedRegex(@"^-?\d+(\.\d+)?\s*(\\times|\\cdot|×)\s*10\^\{?-?\d+\}?$")]
    private static partial Regex SciNumber();
}
