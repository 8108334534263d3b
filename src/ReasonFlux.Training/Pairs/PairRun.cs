using ReasonFlux.Training.Datasets;

namespace ReasonFlux.Training.Pairs;

/// <summary>The outcome of a pair generation run.</summary>
/// <param name="Trajectories">Every scored trajectory of every complete problem, by problem then index.</param>
/// <param name="Pairs">The preference pairs, by problem, best chosen first.</param>
/// <param name="Calls">Model calls made by this invocation (0 when a resume found everything done).</param>
/// <param name="Failed">Calls that failed; their problems form no pairs until a resume redoes them.</param>
/// <param name="IncompleteProblems">Problems left without pairs because a call failed.</param>
public sealed record PairRun(IReadOnlyList<ScoredTrajectory> Trajectories, IReadOnlyList<PreferenceExample> Pairs, int Calls, int Failed, int IncompleteProblems);
