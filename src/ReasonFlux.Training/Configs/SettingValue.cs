using System.Globalization;
using System.Text.RegularExpressions;

namespace ReasonFlux.Training.Configs;

/// <summary>
/// Reads override values and writes YAML scalars the way LLaMA-Factory reads them. It loads YAML with PyYAML (YAML 1.1),
/// where a float needs a dot: <c>1e-5</c> is the string "1e-5" and breaks the learning rate, <c>1.0e-5</c> is a float.
/// </summary>
internal static partial class SettingValue
{
    /// <summary>Parses an override value: true/false, null, an integer, a float, otherwise the text itself (quotes removed).</summary>
    public static object? Parse(string text)
    {
        var t = text.Trim();
        if (t.Length >= 2 && ((t[0] == '"' && t[^1] == '"') || (t[0] == '\'' && t[^1] == '\''))) return t[1..^1];
        if (t is "true" or "True") return true;
        if (t is "false" or "False") return false;
        if (t is "null" or "~") return null;
        if (IntegerPattern().IsMatch(t) && long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l)) return l;
        if (FloatPattern().IsMatch(t) && double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        return t;
    }

    /// <summary>The YAML text of a value, and whether a string must be quoted to stay a string.</summary>
    public static (string Text, bool Quote) Format(object? value) => value switch
    {
        null => ("null", false),
        bool b => (b ? "true" : "false", false),
        long l => (l.ToString(CultureInfo.InvariantCulture), false),
        int i => (i.ToString(CultureInfo.InvariantCulture), false),
        double d => (FormatFloat(d), false),
        string s => (s, NeedsQuotes(s)),
        _ => throw new ArgumentException($"unsupported setting value type {value.GetType().Name}", nameof(value)),
    };

    /// <summary>A float in YAML 1.1 form: always a dot in the mantissa, e.g. <c>1.0e-5</c>, <c>3.0</c>, <c>0.1</c>.</summary>
    public static string FormatFloat(double d)
    {
        if (double.IsNaN(d)) return ".nan";
        if (double.IsInfinity(d)) return d > 0 ? ".inf" : "-.inf";
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOfAny(['E', 'e']);
        var mantissa = e < 0 ? r : r[..e];
        if (!mantissa.Contains('.', StringComparison.Ordinal)) mantissa += ".0";
        if (e < 0) return mantissa;
        var exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return $"{mantissa}e{(exponent < 0 ? "-" : "+")}{Math.Abs(exponent).ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Strings a YAML 1.1 reader would take for a bool, null or number are quoted.</summary>
    private static bool NeedsQuotes(string s) =>
        s.Length == 0 || YamlSpecialWord().IsMatch(s) || IntegerPattern().IsMatch(s) || FloatPattern().IsMatch(s) || LooseNumber().IsMatch(s);

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^[-+]?(0x[0-9a-fA-F]+|0o?[0-7]+|[0-9][0-9_:.]*)$")]
    private static partial Regex LooseNumber();

    [GeneratedRegex(@"^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|\.nan|\.NaN|\.NAN|[-+]?\.inf|[-+]?\.Inf|[-+]?\.INF)$")]
    private static partial Regex YamlSpecialWord();
}
