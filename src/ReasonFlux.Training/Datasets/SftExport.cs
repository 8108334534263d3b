namespace ReasonFlux.Training.Datasets;

/// <summary>The examples an export produced and what it left out, so the user can see why a dataset is small.</summary>
/// <param name="Examples">The examples, in source order.</param>
/// <param name="Read">Samples (or trajectory samples) read from the sources.</param>
/// <param name="Excluded">How many were left out, by reason (e.g. "not graded correct", "duplicate").</param>
public sealed record SftExport(IReadOnlyList<SftExample> Examples, int Read, IReadOnlyDictionary<string, int> Excluded);
