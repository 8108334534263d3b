using ScottPlot;

namespace ReasonFlux.Evaluation.Reports;

/// <summary>The PNG plots of a run (ScottPlot): accuracy by level, reply-length histogram, accuracy against tokens.</summary>
internal static class ReportPlots
{
    private const int Width = 720;
    private const int Height = 420;

    /// <summary>Writes the plots of <paramref name="run"/> into <paramref name="dir"/> with file names starting <paramref name="prefix"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(RunReport run, string dir, string prefix)
    {
        var files = new List<string>();
        if (run.Summary.ByLevel.Count > 0)
        {
            var levels = run.Summary.ByLevel.OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
            var plot = new Plot();
            plot.Add.Bars(Enumerable.Range(1, levels.Count).Select(i => (double)i).ToArray(), levels.Select(l => l.Value.Pass1 * 100).ToArray());
            plot.Axes.Bottom.SetTicks(Enumerable.Range(1, levels.Count).Select(i => (double)i).ToArray(), levels.Select(l => "level " + l.Key).ToArray());
            PercentAxis(plot);
            plot.Title($"{run.Manifest.Benchmark}: pass@1 by level ({run.Label})");
            plot.YLabel("pass@1 (%)");
            files.Add(Save(plot, dir, prefix + "accuracy-by-level.png"));
        }

        var lengths = run.Scores.SelectMany(s => s.Samples).Where(s => s.Error is null).Select(s => (double)s.Reply.Length).ToArray();
        if (lengths.Length > 0)
        {
            var (centers, counts, width) = Histogram(lengths, 20);
            var plot = new Plot();
            var bars = plot.Add.Bars(centers, counts);
            foreach (var bar in bars.Bars) bar.Size = width * 0.9;
            plot.Title($"{run.Manifest.Benchmark}: reply length ({run.Label})");
            plot.XLabel("characters");
            plot.YLabel("samples");
            // Counts are whole samples: no 0.5 ticks.
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
            plot.Axes.SetLimitsY(0, Math.Max(1, counts.Max()) * 1.05);
            files.Add(Save(plot, dir, prefix + "reply-length.png"));
        }

        if (run.Scores.Count > 0)
        {
            var plot = new Plot();
            var points = plot.Add.Scatter(
                run.Scores.Select(s => s.Samples.Average(x => (double)(x.CompletionTokens > 0 ? x.CompletionTokens : x.Reply.Length))).ToArray(),
                run.Scores.Select(s => s.Pass1 * 100).ToArray());
            points.LineWidth = 0;
            points.MarkerSize = 6;
            var tokens = run.Summary.CompletionTokens > 0;
            plot.Title($"{run.Manifest.Benchmark}: accuracy vs {(tokens ? "tokens" : "reply length")} ({run.Label})");
            plot.XLabel(tokens ? "mean generated tokens per problem" : "mean reply characters per problem");
            plot.YLabel("pass@1 (%)");
            PercentAxis(plot);
            files.Add(Save(plot, dir, prefix + "accuracy-vs-tokens.png"));
        }
        return files;
    }

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
        var width = max > min ? (max - min) / bins : 1;
        var counts = new double[bins];
        foreach (var v in values) counts[Math.Min(bins - 1, (int)((v - min) / width))]++;
        return (Enumerable.Range(0, bins).Select(i => min + (i + 0.5) * width).ToArray(), counts, width);
    }
}
