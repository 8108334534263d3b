namespace ReasonFlux.Models.Local;

/// <summary>
/// Counts decode steps across a model's decoder workers, and how many began while another worker was still decoding:
/// the evidence that the workers run side by side rather than taking turns.
/// </summary>
internal sealed class DecodeActivity
{
    private int _running;
    private long _steps;
    private long _overlapping;

    public long Steps => Interlocked.Read(ref _steps);

    /// <summary>Steps that started while another worker's step was running.</summary>
    public long Overlapping => Interlocked.Read(ref _overlapping);

    public void Begin()
    {
        Interlocked.Increment(ref _steps);
        if (Interlocked.Increment(ref _running) > 1) Interlocked.Increment(ref _overlapping);
    }

    public void End() => Interlocked.Decrement(ref _running);
}
