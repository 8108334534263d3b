using System.Text;

namespace ReasonFlux.Evaluation.Reports;

/// <summary>
/// Turns a name that comes from data (a benchmark name read from results.db) into one safe file-name part: letters,
/// digits, '.', '-' and '_' only, no leading dot, at most 64 characters. Path separators and <c>..</c> cannot survive,
/// so a report never writes outside its folder.
/// </summary>
internal static class ReportFileName
{
    private const int MaxLength = 64;

    public static string Part(string? name)
    {
        var sb = new StringBuilder(Math.Min(name?.Length ?? 0, MaxLength));
        foreach (var c in name ?? "")
        {
            if (sb.Length == MaxLength) break;
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }
        var part = sb.ToString().TrimStart('.').Replace("..", "_", StringComparison.Ordinal);
        return part.Length == 0 ? "unnamed" : part;
    }
}
