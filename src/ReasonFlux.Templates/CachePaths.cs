namespace ReasonFlux.Templates;

/// <summary>Where ReasonFlux keeps downloads and caches when the user names no folder.</summary>
public static class CachePaths
{
    /// <summary><c>$REASONFLUX_CACHE</c>, else the platform's per-user cache folder + <c>reasonflux</c>.</summary>
    public static string Default()
    {
        var fromEnv = Environment.GetEnvironmentVariable("REASONFLUX_CACHE");
        if (!string.IsNullOrWhiteSpace(fromEnv)) return fromEnv;
        string root;
        if (OperatingSystem.IsWindows()) root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        else if (OperatingSystem.IsMacOS()) root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "Library", "Caches");
        else root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "reasonflux");
    }
}
