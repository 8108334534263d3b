namespace ReasonFlux.Reasoning.Hosting;

/// <summary>Which solver answers: the names users type are <see cref="SolverKinds.Name"/>.</summary>
public enum SolverKind
{
    /// <summary>One long chain-of-thought call per sample (ReasonFlux-F1).</summary>
    Direct,
    /// <summary>Navigator-planned, template-guided steps (ReasonFlux-Zero).</summary>
    Flux,
    /// <summary>A benchmark's own solutions, no model; only an eval run can supply them.</summary>
    Reference,
}
