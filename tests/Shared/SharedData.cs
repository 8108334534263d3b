namespace ReasonFlux.Tests;

/// <summary>Finds the read-only data folder <c>shared/</c> that sits beside the repository (never copied into it).</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>Absolute path of a file under <c>shared/</c>, e.g. <c>models/stories260K.gguf</c>.</summary>
    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, relative);

    public static string Stories260K => Path("models/stories260K.gguf");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "models")) && Directory.Exists(System.IO.Path.Combine(candidate, "benchmarks")))
                return candidate;
        }
        throw new DirectoryNotFoundException("shared/ (the read-only data folder beside the repository) was not found above " + AppContext.BaseDirectory);
    }
}
