namespace ReasonFlux.Training.Configs;

/// <summary>A training configuration request is wrong: an unreadable <c>key=value</c> override or a launch setting out of range.</summary>
public sealed class TrainConfigException : Exception
{
    /// <summary>Creates the exception with a message that names the setting and the cause.</summary>
    public TrainConfigException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public TrainConfigException()
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public TrainConfigException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
