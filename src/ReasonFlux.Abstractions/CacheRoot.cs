namespace ReasonFlux;

/// <summary>
/// The one folder ReasonFlux caches into (models, templates and benchmarks below it), resolved the same way everywhere:
/// the explicit folder (<c>--cache-dir</c>), then <c>$REASONFLUX_CACHE</c>, then the per-user cache folder + <c>reasonflux</c>.
/// </summary>
public static class CacheRoot
{
    /// <summary>Environment variable that overrides the cache folder.</summary>
    public const string Variable = "REASONFLUX_CACHE";

    /// <summary>The cache root, as a full path.</summary>
    /// <param name="explicitDir">The folder the user named; null or blank to resolve from the environment.</param>
    /// <param name="environment">Reads a variable; default <see cref="Environment.GetEnvironmentVariable(string)"/>.</param>
    public static string Resolve(string? explicitDir = null, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return Path.GetFullPath(NonEmpty(explicitDir) ?? NonEmpty(environment(Variable)) ?? UserDefault(environment));
    }

    /// <summary>
    /// <c>&lt;user cache folder&gt;/reasonflux</c>, ignoring <c>$REASONFLUX_CACHE</c>: <c>$XDG_CACHE_HOME</c> (when absolute)
    /// or <c>~/.cache</c> on Linux, <c>~/Library/Caches</c> on macOS, <c>%LOCALAPPDATA%</c> on Windows.
    /// </summary>
    public static string UserDefault(Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string root;
        if (OperatingSystem.IsWindows())
        {
            root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        }
        else if (OperatingSystem.IsMacOS())
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "Library", "Caches");
        }
        else
        {
            // The XDG spec says relative values are invalid and must be ignored.
            var xdg = NonEmpty(environment("XDG_CACHE_HOME"));
            root = xdg is not null && Path.IsPathRooted(xdg)
                ? xdg
                : Path.Combine(NonEmpty(environment("HOME")) ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        }
        return Path.Combine(root, "reasonflux");
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
