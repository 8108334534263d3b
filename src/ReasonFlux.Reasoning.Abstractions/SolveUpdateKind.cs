namespace ReasonFlux.Reasoning;

/// <summary>What a <see cref="SolveUpdate"/> carries.</summary>
public enum SolveUpdateKind
{
    /// <summary>Text inside the model's thinking block.</summary>
    Thinking,
    /// <summary>Text of the visible answer.</summary>
    Answer,
    /// <summary>A progress note from the solver (a sample starting, budget forcing).</summary>
    Status,
    /// <summary>The run is over; <see cref="SolveUpdate.Solution"/> is set.</summary>
    Completed,
}
