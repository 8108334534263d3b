namespace ReasonFlux.Templates;

/// <summary>A template library file that cannot be used; <see cref="Problems"/> lists every error found.</summary>
public sealed class LibraryFormatException : Exception
{
    public LibraryFormatException() : this("invalid template library") { }

    public LibraryFormatException(string message) : base(message) => Problems = [];

    public LibraryFormatException(string message, Exception innerException) : base(message, innerException) => Problems = [];

    /// <summary>Creates the exception from the problems a validation found (errors and warnings).</summary>
    public LibraryFormatException(string file, IReadOnlyList<LibraryProblem> problems)
        : base(Describe(file, problems))
    {
        File = file;
        Problems = problems;
    }

    /// <summary>The file that failed to load.</summary>
    public string? File { get; }

    /// <summary>Every problem found, errors first as they occur in the file.</summary>
    public IReadOnlyList<LibraryProblem> Problems { get; }

    private static string Describe(string file, IReadOnlyList<LibraryProblem> problems)
    {
        var errors = problems.Where(p => !p.IsWarning).ToList();
        if (errors.Count == 0) return $"{file}: invalid template library";
        var more = errors.Count > 1 ? $" (and {errors.Count - 1} more problems; run `reasonflux templates validate`)" : "";
        return errors[0] + more;
    }
}
