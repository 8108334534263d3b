namespace ReasonFlux;

/// <summary>Why a resumable store (a run folder, a distillation store) cannot be used as asked.</summary>
public enum StoreConflict
{
    /// <summary>A file stands where the store's folder should be.</summary>
    NotAFolder,

    /// <summary>The place already holds a store and resuming was not asked for.</summary>
    AlreadyExists,

    /// <summary>The store was started with other settings than the ones given now.</summary>
    OtherSettings,
}

/// <summary>
/// A resumable store cannot be used as asked. Carries the place, the conflict and the differing settings, so a front end
/// words the remedy in its own terms (resume, another output).
/// </summary>
public abstract class StoreConflictException : Exception
{
    /// <summary>Creates the exception; <paramref name="holds"/> names what the place holds ("a run").</summary>
    protected StoreConflictException(string path, StoreConflict conflict, string holds, IReadOnlyList<string>? differences = null)
        : base(Describe(path, conflict, holds, differences ?? []))
    {
        Path = path;
        Conflict = conflict;
        Holds = holds;
        Differences = differences ?? [];
    }

    /// <summary>The folder or file at fault.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public StoreConflict Conflict { get; }

    /// <summary>What the place holds, with its article: "a run", "a distillation".</summary>
    public string Holds { get; }

    /// <summary>For <see cref="StoreConflict.OtherSettings"/>: each differing setting, "name: stored → given".</summary>
    public IReadOnlyList<string> Differences { get; }

    private static string Describe(string path, StoreConflict conflict, string holds, IReadOnlyList<string> differences) => conflict switch
    {
        StoreConflict.NotAFolder => $"{path} is a file, not a folder that can hold {holds}",
        StoreConflict.AlreadyExists => $"{path} already holds {holds}; resume it or choose another place",
        _ => $"{path} was started with other settings ({string.Join("; ", differences)}); resume with the original settings or choose another place",
    };
}
