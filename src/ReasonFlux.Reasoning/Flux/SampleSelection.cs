namespace ReasonFlux.Reasoning.Flux;

/// <summary>How the answer is chosen when several trajectories are sampled.</summary>
public enum SampleSelection
{
    /// <summary>The most frequent answer (equivalent answers count together); ties go to the earlier sample.</summary>
    Majority,

    /// <summary>The answer of the trajectory with the best mean navigator review score.</summary>
    Review,
}
