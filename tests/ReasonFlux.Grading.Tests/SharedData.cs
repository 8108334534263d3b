namespace ReasonFlux.Grading.Tests;

/// <summary>Finds the read-only <c>shared/</c> folder beside the repository by walking up from the test binaries.</summary>
internal static class SharedData
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "grader-cases"))) return System.IO.Path.Combine([candidate, .. parts]);
        }
        throw new DirectoryNotFoundException($"no shared/ folder above {AppContext.BaseDirectory}");
    }
}
