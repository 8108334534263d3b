using System.Globalization;

namespace ReasonFlux.Cli;

/// <summary>"1 sample", "2 samples": counts in messages read as English.</summary>
internal static class Quantity
{
    public static string Of(long count, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? singular : plural ?? singular + "s")}");

    /// <summary>Just the noun, for "3/5 problems" where the count is written separately.</summary>
    public static string Noun(long count, string singular, string? plural = null) => count == 1 ? singular : plural ?? singular + "s";
}
