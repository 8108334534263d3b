namespace ReasonFlux.Evaluation.Benchmarks;

/// <summary>A benchmark file cannot be read; the message names the file, line and field.</summary>
public sealed class BenchmarkFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="line"/> is 1-based, 0 when the whole file is at fault.</summary>
    public BenchmarkFormatException(string path, int line, string? field, string problem)
        : base($"{path}{(line > 0 ? $":{line}" : "")}{(field is null ? "" : $": field '{field}'")}: {problem}")
    {
        Path = path;
        Line = line;
        Field = field;
    }

    /// <summary>Creates the exception with a plain message.</summary>
    public BenchmarkFormatException() : this("", 0, null, "invalid benchmark file") { }

    /// <summary>Creates the exception with a plain message.</summary>
    public BenchmarkFormatException(string message) : base(message) => Path = "";

    /// <summary>Creates the exception with a plain message and cause.</summary>
    public BenchmarkFormatException(string message, Exception inner) : base(message, inner) => Path = "";

    /// <summary>The file at fault.</summary>
    public string Path { get; }

    /// <summary>1-based line, 0 when not tied to one line.</summary>
    public int Line { get; }

    /// <summary>The field at fault, when one is.</summary>
    public string? Field { get; }
}
