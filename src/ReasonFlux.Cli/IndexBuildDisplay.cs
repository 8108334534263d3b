using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.AI;
using ReasonFlux.Templates;
using Spectre.Console;

namespace ReasonFlux.Cli;

/// <summary>Builds a template index with a progress bar and a closing time on stderr in a terminal; quiet when stderr is piped or with --json.</summary>
internal static class IndexBuildDisplay
{
    public static async Task<TemplateIndex> BuildAsync(
        TextWriter error, bool quiet, TemplateLibrary library, IEmbeddingGenerator<string, Embedding<float>> embedder, TemplateIndexOptions options, CancellationToken ct)
    {
        if (quiet || !ReferenceEquals(error, Console.Error) || Console.IsErrorRedirected)
            return await TemplateIndex.BuildAsync(library, embedder, options, ct);
        var watch = Stopwatch.StartNew();
        TemplateIndex? index = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape($"embedding {library.Templates.Count} templates"), maxValue: 1);
                index = await TemplateIndex.BuildAsync(library, embedder, options with
                {
                    Progress = new Reporter(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done;
                    }),
                }, ct);
                task.Value = task.MaxValue;
            });
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"template index ({library.Templates.Count} templates) {(index!.LoadedFromCache ? "loaded from the cache" : "built")} in {watch.Elapsed.TotalSeconds:0.0} s"));
        return index;
    }

    /// <summary>Reports on the calling thread, so the bar never updates after the build returned.</summary>
    private sealed class Reporter(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}
