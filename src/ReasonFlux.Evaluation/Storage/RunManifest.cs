using System.Reflection;

namespace ReasonFlux.Evaluation.Storage;

/// <summary>What a run is: written once when it starts, checked on every resume.</summary>
/// <param name="Benchmark">Benchmark name.</param>
/// <param name="BenchmarkSha256">SHA-256 of the benchmark file.</param>
/// <param name="Solver">Solver name (direct, flux, reference).</param>
/// <param name="Model">Model id, or "" for the reference solver.</param>
/// <param name="Samples">Samples per problem (k).</param>
/// <param name="Parameters">Every other setting that changes results (max tokens, temperature, seed, limit…), as text.</param>
/// <param name="ToolVersion">Version of the tool that started the run.</param>
/// <param name="GitCommit">Commit the tool was built from, or "unknown".</param>
/// <param name="CreatedUtc">When the run started.</param>
public sealed record RunManifest(
    string Benchmark, string BenchmarkSha256, string Solver, string Model, int Samples,
    IReadOnlyDictionary<string, string> Parameters, string ToolVersion, string GitCommit, DateTimeOffset CreatedUtc)
{
    /// <summary>Parameter key of the benchmark's whole problem count (before --limit); not compared on resume, since the sha256 fixes it and older runs lack it.</summary>
    public const string BenchmarkProblemsKey = "benchmark_problems";

    /// <summary>A manifest for a new run, stamped with this build's version and commit and the current time.</summary>
    public static RunManifest Create(string benchmark, string sha256, string solver, string model, int samples, IReadOnlyDictionary<string, string> parameters)
    {
        var (version, commit) = BuildStamp();
        return new RunManifest(benchmark, sha256, solver, model, samples, new SortedDictionary<string, string>(parameters.ToDictionary(), StringComparer.Ordinal), version, commit, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// The settings in which <paramref name="other"/> differs from this run ("samples: 4 → 8"); empty when a resume may go on.
    /// Version, commit and time are not compared: a fixed tool may finish an old run.
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(RunManifest other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var diffs = new List<string>();
        void Check(string name, string mine, string theirs)
        {
            if (!string.Equals(mine, theirs, StringComparison.Ordinal)) diffs.Add($"{name}: {Show(mine)} → {Show(theirs)}");
        }
        Check("benchmark", Benchmark, other.Benchmark);
        Check("benchmark sha256", BenchmarkSha256, other.BenchmarkSha256);
        Check("solver", Solver, other.Solver);
        Check("model", Model, other.Model);
        Check("samples", Samples.ToString(System.Globalization.CultureInfo.InvariantCulture), other.Samples.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var key in Parameters.Keys.Union(other.Parameters.Keys).Where(k => k != BenchmarkProblemsKey).Order(StringComparer.Ordinal))
            Check(key, Parameters.GetValueOrDefault(key) ?? "", other.Parameters.GetValueOrDefault(key) ?? "");
        return diffs;
    }

    private static string Show(string value) => value.Length == 0 ? "(none)" : value;

    private static (string Version, string Commit) BuildStamp()
    {
        // The SDK appends "+<commit>" to the informational version when it builds from a git checkout.
        var info = typeof(RunManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = info.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? (info, "unknown") : (info[..plus], info[(plus + 1)..]);
    }
}
