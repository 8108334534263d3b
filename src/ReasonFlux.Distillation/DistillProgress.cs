namespace ReasonFlux.Distillation;

/// <summary>Where a distillation stands, reported after each problem.</summary>
/// <param name="Done">Problems decided in this session and earlier ones.</param>
/// <param name="Total">Problems to decide in all.</param>
/// <param name="Kept">Templates kept so far.</param>
/// <param name="Duplicates">Duplicates so far.</param>
/// <param name="FailedChecks">Templates that failed a check so far.</param>
/// <param name="Unreadable">Unreadable replies so far.</param>
/// <param name="Errors">Backend failures in this session.</param>
public sealed record DistillProgress(int Done, int Total, int Kept, int Duplicates, int FailedChecks, int Unreadable, int Errors);
