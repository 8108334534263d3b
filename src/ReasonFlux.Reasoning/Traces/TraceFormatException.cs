namespace ReasonFlux.Reasoning.Traces;

/// <summary>A trace file that cannot be read: the message names the file, the line and the JSON path.</summary>
public sealed class TraceFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TraceFormatException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Creates the exception.</summary>
    public TraceFormatException() { }

    /// <summary>Creates the exception.</summary>
    public TraceFormatException(string message) : base(message) { }
}
