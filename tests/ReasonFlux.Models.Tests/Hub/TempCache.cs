namespace ReasonFlux.Models.Tests.Hub;

/// <summary>A fresh cache folder per test, deleted afterwards.</summary>
internal sealed class TempCache : IDisposable
{
    public TempCache() => Directory.CreateDirectory(Dir);

    public string Dir { get; } = Path.Combine(Path.GetTempPath(), "reasonflux-hub-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Every file under the cache, relative, sorted.</summary>
    public IReadOnlyList<string> Files() =>
        Directory.Exists(Dir)
            ? Directory.EnumerateFiles(Dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Dir, f)).Order(StringComparer.Ordinal).ToList()
            : [];

    public void Dispose()
    {
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
    }
}
