using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ReasonFlux.Evaluation.Metrics;
using ReasonFlux.Evaluation.Storage;

namespace ReasonFlux.Evaluation.Reports;

/// <summary>
/// Writes a report over one or more runs: <c>report.md</c> (rows = runs, columns = benchmarks, pass@1 in %),
/// <c>report.html</c> (self-contained: plots inlined, per-problem drill-down with every sample's answer, verdict and
/// reply, linking each sample's stored trace), the trace pages under <c>traces/</c>, and the PNG plots of each run.
/// </summary>
public static class ReportWriter
{
    /// <summary>Writes the report files into <paramref name="outDir"/>; returns their paths (the trace pages as their folder).</summary>
    public static IReadOnlyList<string> Write(IReadOnlyList<RunReport> runs, string outDir, bool samplesJsonl = false)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (runs.Count == 0) throw new ArgumentException("no runs to report", nameof(runs));
        Directory.CreateDirectory(outDir);
        var plots = runs.Select((r, i) => ReportPlots.Write(r, outDir, $"run{i + 1}-{ReportFileName.Part(r.Manifest.Benchmark)}-")).ToList();
        var files = new List<string> { Path.Combine(outDir, "report.md"), Path.Combine(outDir, "report.html") };
        var traces = ReportTraces.Write(runs, outDir);
        File.WriteAllText(files[0], Markdown(runs, plots));
        File.WriteAllText(files[1], Html(runs, plots, traces));
        files.AddRange(plots.SelectMany(p => p));
        // One entry for the trace pages: a run of 500 problems × 16 samples has 8,000 of them.
        if (traces.Files.Count > 0) files.Add(Path.Combine(outDir, ReportTraces.Folder) + Path.DirectorySeparatorChar);
        if (samplesJsonl)
        {
            for (var i = 0; i < runs.Count; i++)
            {
                var path = Path.Combine(outDir, $"samples_run{i + 1}_{ReportFileName.Part(runs[i].Manifest.Benchmark)}.jsonl");
                WriteSamplesJsonl(runs[i], path);
                files.Add(path);
            }
        }
        return files;
    }

    /// <summary>" (subset: 5 of 500, --limit)" for a run that covered only part of its benchmark, else "".</summary>
    public static string SubsetNote(EvalSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (!summary.Subset) return "";
        return summary.BenchmarkProblems > 0
            ? string.Create(CultureInfo.InvariantCulture, $" (subset: {summary.ProblemsTotal} of {summary.BenchmarkProblems}, --limit)")
            : " (subset, --limit)";
    }

    private static string Pct(double v) => (v * 100).ToString("0.0", CultureInfo.InvariantCulture);

    internal static string Markdown(IReadOnlyList<RunReport> runs, IReadOnlyList<IReadOnlyList<string>> plots)
    {
        var benchmarks = runs.Select(r => r.Manifest.Benchmark).Distinct(StringComparer.Ordinal).ToList();
        var rows = runs.Select(r => r.Label).Distinct(StringComparer.Ordinal).ToList();
        var md = new StringBuilder("# ReasonFlux evaluation report\n\npass@1 (%), mean over samples per problem.\n\n");
        md.Append("| run | ").Append(string.Join(" | ", benchmarks)).Append(" |\n|---|").Append(string.Concat(benchmarks.Select(_ => "---:|"))).Append('\n');
        foreach (var row in rows)
        {
            md.Append("| ").Append(row).Append(" |");
            foreach (var b in benchmarks)
            {
                var run = runs.LastOrDefault(r => r.Label == row && r.Manifest.Benchmark == b);
                md.Append(' ').Append(run is null ? "–" : Pct(run.Summary.Pass1)).Append(" |");
            }
            md.Append('\n');
        }
        for (var i = 0; i < runs.Count; i++)
        {
            var s = runs[i].Summary;
            md.Append(CultureInfo.InvariantCulture, $"\n## {s.Benchmark} · {runs[i].Label}\n\n");
            md.Append(CultureInfo.InvariantCulture, $"- problems {s.Problems}/{s.ProblemsTotal}{SubsetNote(s)}, samples {s.Samples}, k = {s.K}\n");
            md.Append(CultureInfo.InvariantCulture, $"- pass@1 {Pct(s.Pass1)}% (95% CI {Pct(s.Pass1Ci95[0])}–{Pct(s.Pass1Ci95[1])}), maj@{s.K} {Pct(s.MajK)}%, pass@{s.K} {Pct(s.PassK)}%\n");
            md.Append(CultureInfo.InvariantCulture, $"- failures: {string.Join(", ", s.Failures.Select(f => $"{f.Key} {f.Value}"))}; mean reply {s.MeanReplyChars:0} chars, {s.MeanCompletionTokens:0} tokens\n");
            md.Append(CultureInfo.InvariantCulture, $"- benchmark sha256 {s.BenchmarkSha256[..12]}…, tool {s.ToolVersion} ({s.GitCommit[..Math.Min(12, s.GitCommit.Length)]}), run folder `{runs[i].RunDir}`\n");
            if (s.ByLevel.Count > 0) md.Append("- by level: ").AppendJoin(", ", s.ByLevel.Select(l => $"{l.Key}: {Pct(l.Value.Pass1)}%")).Append('\n');
            if (s.BySubject.Count > 0) md.Append("- by subject: ").AppendJoin(", ", s.BySubject.Select(l => $"{l.Key}: {Pct(l.Value.Pass1)}%")).Append('\n');
            foreach (var plot in plots[i]) md.Append(CultureInfo.InvariantCulture, $"\n![{Path.GetFileNameWithoutExtension(plot)}]({Path.GetFileName(plot)})\n");
        }
        return md.ToString();
    }

    internal static string Html(IReadOnlyList<RunReport> runs, IReadOnlyList<IReadOnlyList<string>> plots, ReportTraces? traces = null)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var h = new StringBuilder("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>ReasonFlux evaluation report</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;max-width:1100px;color:#222}
            table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}
            th:first-child,td:first-child{text-align:left}.ok{color:#176c2c}.bad{color:#a31515}
            details{border-bottom:1px solid #eee;padding:.3rem 0}summary{cursor:pointer}
            pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem;max-height:24rem;overflow:auto}
            img{max-width:100%;margin:.5rem 0}
            </style></head><body>
            <h1>ReasonFlux evaluation report</h1>
            """);
        h.Append("<table><tr><th>run</th><th>benchmark</th><th>problems</th><th>k</th><th>pass@1</th><th>95% CI</th><th>maj@k</th><th>pass@k</th><th>errors</th></tr>\n");
        foreach (var r in runs)
        {
            var s = r.Summary;
            h.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(r.Label)}</td><td>{E(s.Benchmark)}</td><td>{s.Problems}{E(SubsetNote(s))}</td><td>{s.K}</td><td>{Pct(s.Pass1)}%</td><td>{Pct(s.Pass1Ci95[0])}–{Pct(s.Pass1Ci95[1])}</td><td>{Pct(s.MajK)}%</td><td>{Pct(s.PassK)}%</td><td>{s.Errors}</td></tr>\n");
        }
        h.Append("</table>\n");
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            h.Append(CultureInfo.InvariantCulture, $"<h2 id=\"run{i + 1}\">{E(run.Manifest.Benchmark)} · {E(run.Label)}</h2>\n");
            foreach (var plot in plots[i])
                h.Append(CultureInfo.InvariantCulture, $"<img alt=\"{E(Path.GetFileNameWithoutExtension(plot))}\" src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(plot))}\">\n");
            h.Append("<h3>Problems</h3>\n");
            foreach (var score in run.Scores)
            {
                var p = score.Problem;
                var css = score.Correct == score.Samples.Count ? "ok" : score.Correct == 0 ? "bad" : "";
                h.Append(CultureInfo.InvariantCulture, $"<details><summary class=\"{css}\">{E(p.Id)} · {score.Correct}/{score.Samples.Count} correct{(p.Level is { } lv ? $" · level {lv}" : "")}{(p.Subject is { } subj ? $" · {E(subj)}" : "")}</summary>\n");
                h.Append(CultureInfo.InvariantCulture, $"<p><b>Problem</b></p><pre>{E(p.Problem)}</pre><p><b>Gold</b>: <code>{E(p.Gold)}</code></p>\n");
                foreach (var sample in score.Samples)
                {
                    var verdict = sample.Correct ? "<span class=\"ok\">correct</span>" : $"<span class=\"bad\">{E(sample.Failure)}</span>";
                    var trace = traces?.Link(i, sample.ProblemId, sample.SampleIndex) is { } link ? $" · <a class=\"trace\" href=\"{E(link)}\">trace</a>" : "";
                    h.Append(CultureInfo.InvariantCulture, $"<p>sample {sample.SampleIndex}: answer <code>{E(sample.Extracted ?? "(none)")}</code> · {verdict} · {E(sample.Verdict)} · {sample.CompletionTokens} tokens · {sample.LatencyMs} ms{trace}</p>\n<pre>{E(sample.Error ?? sample.Reply)}</pre>\n");
                }
                h.Append("</details>\n");
            }
        }
        h.Append("</body></html>\n");
        return h.ToString();
    }

    /// <summary>One line per problem in lm-evaluation-harness's <c>--log_samples</c> shape.</summary>
    private static void WriteSamplesJsonl(RunReport run, string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        foreach (var score in run.Scores)
        {
            var line = new Dictionary<string, object?>
            {
                ["doc_id"] = score.Problem.Ordinal,
                ["doc"] = new Dictionary<string, object?> { ["id"] = score.Problem.Id, ["problem"] = score.Problem.Problem, ["answer"] = score.Problem.Gold },
                ["target"] = score.Problem.Gold,
                ["arguments"] = score.Samples.Select(s => new[] { s.Prompt }).ToArray(),
                ["resps"] = score.Samples.Select(s => new[] { s.Reply }).ToArray(),
                ["filtered_resps"] = score.Samples.Select(s => s.Extracted ?? "[invalid]").ToArray(),
                ["exact_match"] = score.Pass1,
            };
            writer.WriteLine(JsonSerializer.Serialize(line, SummaryFile.Compact));
        }
    }
}
