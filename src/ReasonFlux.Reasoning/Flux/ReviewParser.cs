using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ReasonFlux.Reasoning.Flux;

/// <summary>Reads the navigator's review of a step: a JSON object, or "Decision: …" / "Score: …" lines, or a decisive word.</summary>
public static partial class ReviewParser
{
    private static readonly string[] DecisionKeys = ["decision", "verdict", "action", "next"];

    /// <summary>The verdict in <paramref name="reply"/>; an unreadable reply means continue, with <see cref="ReviewVerdict.Parsed"/> false.</summary>
    public static ReviewVerdict Parse(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        foreach (var node in LenientJson.Values(reply))
        {
            if (node is not JsonObject obj) continue;
            var fields = obj.ToDictionary(p => Keys.Normalise(p.Key), p => p.Value, StringComparer.Ordinal);
            var decision = DecisionKeys.Select(k => fields.GetValueOrDefault(k)).OfType<JsonValue>().Select(v => v.TryGetValue(out string? s) ? Decision(s) : null).FirstOrDefault(d => d is not null);
            if (decision is null) continue;
            double? score = fields.GetValueOrDefault("score") is JsonValue sv ? Number(sv) : null;
            var reason = fields.GetValueOrDefault("reason") ?? fields.GetValueOrDefault("feedback") ?? fields.GetValueOrDefault("explanation");
            return new ReviewVerdict(decision, score, reason is JsonValue rv && rv.TryGetValue(out string? r) ? r : reason?.ToJsonString() ?? "", true);
        }

        var text = StepList.AfterThinking(reply);
        var line = DecisionLine().Match(text);
        var word = line.Success ? Decision(line.Groups["word"].Value) : null;
        if (word is null && DecisionWord().Matches(text).Select(m => Decision(m.Value)).Distinct().ToList() is [var only]) word = only;
        var scoreMatch = ScoreLine().Match(text);
        double? lineScore = scoreMatch.Success ? double.Parse(scoreMatch.Groups["n"].Value, CultureInfo.InvariantCulture) : null;
        if (word is null) return new ReviewVerdict("continue", lineScore, "the review named no decision (continue, redo or revise); continuing", false);
        return new ReviewVerdict(word, lineScore, text.Trim().Length > 400 ? text.Trim()[..400] : text.Trim(), true);
    }

    private static string? Decision(string s) => s.Trim().ToLowerInvariant() switch
    {
        "continue" or "proceed" or "accept" or "ok" or "next" => "continue",
        "redo" or "retry" or "repeat" => "redo",
        "revise" or "replan" or "re-plan" => "revise",
        _ => null,
    };

    private static double? Number(JsonValue v)
    {
        if (v.TryGetValue(out double d)) return d;
        if (v.TryGetValue(out string? s) && double.TryParse(s.Split('/')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        return null;
    }

    [GeneratedRegex(@"decision\W{0,5}(?<word>continue|proceed|redo|retry|revise|replan|re-plan)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DecisionLine();

    [GeneratedRegex(@"\b(?:continue|redo|revise|replan)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DecisionWord();

    [GeneratedRegex(@"score\W{0,5}(?<n>\d+(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex ScoreLine();
}
