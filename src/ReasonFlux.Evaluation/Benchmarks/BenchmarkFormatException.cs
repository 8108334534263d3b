namespace ReasonFlux.Evaluation.Benchmarks;

/// <summary>A benchmark file cannot be read; the message names the file, line and field.</summary>
public sealed class BenchmarkFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="line"/> is 1-based, 0 when the whole file is at fault.</summary>
    public BenchmarkFormatException(string path, int line, string? field, string problem)
        : base($"{LocationOf(path, line, field)}: {problem}")
    {
        Path = path;
        Line = line;
        Field = field;
        Problem = problem;
    }

    /// <summary>A required field is absent from a record; a caller may map another field to it.</summary>
    public static BenchmarkFormatException MissingField(string path, int line, string field) =>
        new(path, line, field, MissingProblem) { IsMissingField = true };

    /// <summary>Creates the exception with a plain message.</summary>
    public BenchmarkFormatException() : this("", 0, null, "invalid benchmark file") { }

    /// <summary>Creates the exception with a plain message.</summary>
    public BenchmarkFormatException(string message) : base(message) => (Path, Problem) = ("", message);

    /// <summary>Creates the exception with a plain message and cause.</summary>
    public BenchmarkFormatException(string message, Exception inner) : base(message, inner) => (Path, Problem) = ("", message);

    /// <summary>The file at fault.</summary>
    public string Path { get; }

    /// <summary>1-based line, 0 when not tied to one line.</summary>
    public int Line { get; }

    /// <summary>The field at fault, when one is.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>True when <see cref="Field"/> is absent from the record (another field can be mapped to it).</summary>
    public bool IsMissingField { get; private init; }

    /// <summary>"file:line: field 'x'", the message without the problem.</summary>
    public string Location => LocationOf(Path, Line, Field);

    private static string LocationOf(string path, int line, string? field) =>
        $"{path}{(line > 0 ? $":{line}" : "")}{(field is null ? "" : $": field '{field}'")}";

    private const string MissingProblem = "missing (the record has no such field; map another one to it)";
}
