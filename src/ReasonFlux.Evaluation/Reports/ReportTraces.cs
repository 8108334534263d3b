using System.Globalization;
using ReasonFlux.Reasoning.Traces;

namespace ReasonFlux.Evaluation.Reports;

/// <summary>
/// The trace pages of a report: every stored sample trace rendered with <see cref="TraceHtml"/> into
/// <c>traces/runN-pORDINAL-ID-sK.html</c> next to the report. The names are built from the run number, the problem's
/// ordinal and sample index and a <see cref="ReportFileName"/> part of its id, so they are unique and stay in the folder.
/// </summary>
internal sealed class ReportTraces
{
    /// <summary>The folder, relative to the report, that holds the pages.</summary>
    public const string Folder = "traces";

    private readonly Dictionary<(int Run, string ProblemId, int Sample), string> _links = [];

    /// <summary>The files written.</summary>
    public List<string> Files { get; } = [];

    /// <summary>Samples whose stored trace could not be read (no page, no link).</summary>
    public int Unreadable { get; private set; }

    /// <summary>Renders the traces of every run's samples into <paramref name="outDir"/>/traces.</summary>
    public static ReportTraces Write(IReadOnlyList<RunReport> runs, string outDir)
    {
        var traces = new ReportTraces();
        for (var i = 0; i < runs.Count; i++)
        {
            foreach (var score in runs[i].Scores)
            {
                foreach (var sample in score.Samples)
                {
                    if (sample.Trace is null) continue;
                    SolveTrace trace;
                    try
                    {
                        trace = TraceJson.Deserialize(sample.Trace, $"{runs[i].RunDir}#{sample.ProblemId}/{sample.SampleIndex}");
                    }
                    catch (TraceFormatException)
                    {
                        traces.Unreadable++;
                        continue;
                    }
                    var name = string.Create(CultureInfo.InvariantCulture,
                        $"run{i + 1}-p{score.Problem.Ordinal}-{ReportFileName.Part(score.Problem.Id)}-s{sample.SampleIndex}.html");
                    var dir = Path.Combine(outDir, Folder);
                    Directory.CreateDirectory(dir);
                    var path = Path.Combine(dir, name);
                    File.WriteAllText(path, TraceHtml.Render(trace));
                    traces.Files.Add(path);
                    traces._links[(i, sample.ProblemId, sample.SampleIndex)] = $"{Folder}/{name}";
                }
            }
        }
        return traces;
    }

    /// <summary>The page's address relative to the report, or null when the sample has no readable trace.</summary>
    public string? Link(int run, string problemId, int sample) => _links.GetValueOrDefault((run, problemId, sample));
}
