namespace ReasonFlux.Distillation;

/// <summary>What a distillation is: written when it starts, checked on every resume.</summary>
/// <param name="LibraryHash">Content hash of the library the templates are checked against and merged into.</param>
/// <param name="Model">The distiller model.</param>
/// <param name="Sources">The run folders and trace files read (full paths), in order.</param>
/// <param name="Settings">Every other setting that changes results (thresholds, max tokens…), as text.</param>
/// <param name="CreatedUtc">When the distillation started.</param>
public sealed record DistillManifest(string LibraryHash, string Model, IReadOnlyList<string> Sources, IReadOnlyDictionary<string, string> Settings, DateTimeOffset CreatedUtc)
{
    /// <summary>The settings in which <paramref name="other"/> differs ("model: a → b"); empty when a resume may go on.</summary>
    public IReadOnlyList<string> DifferencesFrom(DistillManifest other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var diffs = new List<string>();
        void Check(string name, string mine, string theirs)
        {
            if (!string.Equals(mine, theirs, StringComparison.Ordinal)) diffs.Add($"{name}: {(mine.Length == 0 ? "(none)" : mine)} → {(theirs.Length == 0 ? "(none)" : theirs)}");
        }
        Check("library", LibraryHash, other.LibraryHash);
        Check("model", Model, other.Model);
        Check("sources", string.Join(", ", Sources), string.Join(", ", other.Sources));
        foreach (var key in Settings.Keys.Union(other.Settings.Keys).Order(StringComparer.Ordinal))
            Check(key, Settings.GetValueOrDefault(key) ?? "", other.Settings.GetValueOrDefault(key) ?? "");
        return diffs;
    }
}
