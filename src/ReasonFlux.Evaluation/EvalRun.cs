using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Storage;

namespace ReasonFlux.Evaluation;

/// <summary>Starts or resumes a run in a folder.</summary>
public static class EvalRun
{
    /// <summary>
    /// Opens the store of <paramref name="runDir"/>: a new run, or with <paramref name="resume"/> the existing one after
    /// checking that it was started with the same settings (a fresh run when there is none yet).
    /// </summary>
    /// <exception cref="RunConflictException">The folder holds a run and <paramref name="resume"/> is false, or its settings differ.</exception>
    public static ResultStore Open(string runDir, RunManifest manifest, IReadOnlyList<BenchmarkProblem> problems, bool resume)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(problems);
        if (File.Exists(runDir)) throw new RunConflictException($"{runDir} is a file; --out names the folder that holds the run");
        if (!ResultStore.Exists(runDir))
            return ResultStore.Create(runDir, manifest, problems.Select((p, i) => new RunProblem(i, p.Id, p.Problem, p.Answer, p.Subject, p.Level)));
        if (!resume) throw new RunConflictException($"{runDir} already holds a run; pass --resume to continue it or choose another --out");
        var store = ResultStore.Open(runDir);
        var differences = store.Manifest.DifferencesFrom(manifest);
        if (differences.Count == 0) return store;
        store.Dispose();
        throw new RunConflictException($"{runDir} was started with other settings ({string.Join("; ", differences)}); resume with the original settings or choose another --out");
    }
}
