using ScottPlot;

namespace ReasonFlux.Evaluation.Reports;

/// <summary>The PNG plots of a run (ScottPlot): accuracy by level, reply-length histogram, accuracy against tokens.</summary>
internal static class ReportPlots
{
    private const int Width = 720;
    private const int Height = 420;

    /// <summary>Writes the plots of <paramref name="run"/> into <paramref name="dir"/> with file names starting <paramref name="prefix"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(RunReport run, string dir, string prefix) =>
        Build(run).Select(p => Save(p.Plot, dir, prefix + p.Name)).ToList();

    /// <summary>The plots of <paramref name="run"/> with their file names, before rendering (tests read their axes).</summary>
    internal static IReadOnlyList<(string Name, Plot Plot)> Build(RunReport run)
    {
        var files = new List<(string, Plot)>();
        if (run.Summary.ByLevel.Count > 0)
        {
            var levels = run.Summary.ByLevel.OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
            var plot = new Plot();
            plot.Add.Bars(Enumerable.Range(1, levels.Count).Select(i => (double)i).ToArray(), levels.Select(l => l.Value.Pass1 * 100).ToArray());
            plot.Axes.Bottom.SetTicks(Enumerable.Range(1, levels.Count).Select(i => (double)i).ToArray(), levels.Select(l => "level " + l.Key).ToArray());
            PercentAxis(plot);
            plot.Title($"{run.Manifest.Benchmark}: pass@1 by level ({Title(run)})");
            plot.YLabel("pass@1 (%)");
            files.Add(("accuracy-by-level.png", plot));
        }

        var lengths = run.Scores.SelectMany(s => s.Samples).Where(s => s.Error is null).Select(s => (double)s.Reply.Length).ToArray();
        if (lengths.Length > 0)
        {
            var (centers, counts, width) = Histogram(lengths, 20);
            var plot = new Plot();
            var bars = plot.Add.Bars(centers, counts);
            foreach (var bar in bars.Bars) bar.Size = width * 0.9;
            plot.Title($"{run.Manifest.Benchmark}: reply length ({Title(run)})");
            plot.XLabel("characters");
            plot.YLabel("samples");
            // Counts are whole samples: no 0.5 ticks.
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.SetLimitsY(0, Math.Max(1, counts.Max()) * 1.05);
            plot.Axes.SetLimitsX(0, (centers[^1] + width) * 1.05);
            files.Add(("reply-length.png", plot));
        }

        if (run.Scores.Count > 0)
        {
            // One unit per plot: tokens when the solver counted them, else characters, never a mix of both.
            var tokens = run.Summary.CompletionTokens > 0;
            var plot = new Plot();
            var points = plot.Add.Scatter(
                run.Scores.Select(s => s.Samples.Average(x => (double)(tokens ? x.CompletionTokens : x.Reply.Length))).ToArray(),
                run.Scores.Select(s => s.Pass1 * 100).ToArray());
            points.LineWidth = 0;
            points.MarkerSize = 6;
            plot.Title($"{run.Manifest.Benchmark}: accuracy vs {(tokens ? "tokens" : "reply length")} ({Title(run)})");
            plot.XLabel(tokens ? "mean generated tokens per problem" : "mean reply characters per problem");
            plot.YLabel("pass@1 (%)");
            PercentAxis(plot);
            // Lengths from 0, so one value (all replies alike) is not zoomed to 3.9–4.1.
            plot.Axes.SetLimitsX(0, Math.Max(1, points.Data.GetScatterPoints().Max(p => p.X)) * 1.05);
            files.Add(("accuracy-vs-tokens.png", plot));
        }
        return files;
    }

    /// <summary>The run's label, with "5 of 500" when --limit kept only part of its benchmark.</summary>
    private static string Title(RunReport run) =>
        run.Summary.Subset && run.Summary.BenchmarkProblems > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{run.Label}, {run.Summary.ProblemsTotal} of {run.Summary.BenchmarkProblems}")
            : run.Label;

    /// <summary>0–100 % whatever the values (all 0 or all 100 would otherwise zoom to −1…1 or 99…101), with room for edge markers.</summary>
    private static void PercentAxis(Plot plot)
    {
        plot.Axes.SetLimitsY(-4, 104);
        plot.Axes.Left.SetTicks([0, 20, 40, 60, 80, 100], ["0", "20", "40", "60", "80", "100"]);
    }

    private static string Save(Plot plot, string dir, string name)
    {
        var path = Path.Combine(dir, name);
        plot.SavePng(path, Width, Height);
        return path;
    }

    private static (double[] Centers, double[] Counts, double Width) Histogram(double[] values, int bins)
    {
        var min = values.Min();
        var max = values.Max();
        // All replies alike: one bar, not one full bar and 19 empty ones.
        if (max == min) return ([min], [values.Length], Math.Max(1, min * 0.1));
        var width = (max - min) / bins;
        var counts = new double[bins];
        foreach (var v in values) counts[Math.Min(bins - 1, (int)((v - min) / width))]++;
        return (Enumerable.Range(0, bins).Select(i => min + (i + 0.5) * width).ToArray(), counts, width);
    }
}
