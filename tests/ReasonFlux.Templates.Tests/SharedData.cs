namespace ReasonFlux.Templates.Tests;

/// <summary>Finds the read-only data folder (../shared beside the repository) by walking up from the test binaries.</summary>
internal static class SharedData
{
    public static string Dir { get; } = Find();

    public static string OfficialLibrary => Path.Combine(Dir, "data", "template_library.json");
    public static string UpstreamHeadLibrary => Path.Combine(Dir, "data", "template_library.upstream-head.json");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "data"))) return candidate;
        }
        throw new DirectoryNotFoundException("no shared/data folder above " + AppContext.BaseDirectory);
    }
}
