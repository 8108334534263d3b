using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Training.Datasets;

/// <summary>Finds and reads flux trace files (as <c>reasonflux solve --mode flux --trace FILE</c> writes them).</summary>
public static class TraceFile
{
    /// <summary>Reads one trace with the solver's own reader (<see cref="TraceJson"/>).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="TraceFormatException">The file is not a trace, or of a format version this build does not know.</exception>
    public static SolveTrace Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: trace file not found", path);
        return TraceJson.Deserialize(File.ReadAllText(path), path);
    }

    /// <summary>
    /// Every trace behind <paramref name="paths"/> with where it came from: a trace file, or an eval run folder (its flux
    /// samples' traces in results.db, named <c>RUN#PROBLEM/SAMPLE</c>).
    /// </summary>
    /// <exception cref="FileNotFoundException">A trace file does not exist.</exception>
    /// <param name="paths">Trace files and eval run folders.</param>
    /// <param name="unreadable">Given, a file that is not a trace is passed to it and skipped; otherwise it throws.</param>
    /// <exception cref="TraceFormatException">A trace is not of a known format (and no <paramref name="unreadable"/> was given).</exception>
    public static IEnumerable<(string Source, SolveTrace Trace)> ReadAll(IEnumerable<string> paths, Action<TraceFormatException>? unreadable = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        foreach (var path in paths)
        {
            if (!ResultStore.Exists(path))
            {
                SolveTrace trace;
                try { trace = Read(path); }
                catch (TraceFormatException ex) when (unreadable is not null)
                {
                    unreadable(ex);
                    continue;
                }
                yield return (path, trace);
                continue;
            }
            using var store = ResultStore.Open(path);
            foreach (var sample in store.ReadSamples())
            {
                if (sample.Trace is null) continue;
                var source = $"{path}#{sample.ProblemId}/{sample.SampleIndex}";
                yield return (source, TraceJson.Deserialize(sample.Trace, source));
            }
        }
    }

    /// <summary>The trace files named by <paramref name="paths"/>: files as given, eval run folders as given, other folders expanded to their <c>*.json</c> files (sorted).</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path) && !ResultStore.Exists(path)) files.AddRange(Directory.GetFiles(path, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal));
            else files.Add(path);
        }
        return files;
    }
}
