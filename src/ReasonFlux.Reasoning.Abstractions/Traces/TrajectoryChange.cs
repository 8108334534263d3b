namespace ReasonFlux.Reasoning.Traces;

/// <summary>Why a trajectory version exists; consumers (training data) read this, never the wording of its reason.</summary>
public enum TrajectoryChange
{
    /// <summary>The navigator's first plan.</summary>
    Plan,
    /// <summary>The plan adapted to the retrieved template.</summary>
    AdjustedToTemplate,
    /// <summary>Re-planned after a step's review.</summary>
    Revised,
    /// <summary>Cut to the most steps allowed.</summary>
    Capped,
}
