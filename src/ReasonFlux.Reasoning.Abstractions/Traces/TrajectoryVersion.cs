using ReasonFlux.Reasoning.Flux;

namespace ReasonFlux.Reasoning.Traces;

/// <summary>One version of a sample's trajectory.</summary>
/// <param name="Version">1 for the plan, then one more for each rewrite.</param>
/// <param name="Reason">Why this version exists: <c>plan</c>, <c>adjusted to template</c>, <c>revised after step N</c>, <c>capped at N steps</c>.</param>
/// <param name="Trajectory">The trajectory.</param>
/// <param name="Change">What made this version; null in traces written before it was recorded.</param>
public sealed record TrajectoryVersion(int Version, string Reason, Trajectory Trajectory, TrajectoryChange? Change = null);
