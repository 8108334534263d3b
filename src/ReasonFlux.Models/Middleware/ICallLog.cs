namespace ReasonFlux.Models.Middleware;

/// <summary>Receives one record per model call, e.g. to put every prompt and reply into a solve's trace.</summary>
public interface ICallLog
{
    /// <summary>Called once per finished call, from whichever thread finished it; implementations must be thread-safe.</summary>
    void Record(ModelCallRecord record);
}
