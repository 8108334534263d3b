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
        if (!IsLive(error, quiet))
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
        await error.WriteLineAsync(Summary($"template index ({library.Templates.Count} templates)", watch.Elapsed, index!.LoadedFromCache));
        return index;
    }

    /// <summary>
    /// A one-line progress reporter on stderr for index builds inside longer work (<c>solve</c>, <c>eval-retrieval</c>),
    /// where a Spectre live display would fight other stderr lines; null when stderr is piped or with --json.
    /// </summary>
    public static IndexProgressLine? Line(TextWriter error, bool quiet) => IsLive(error, quiet) ? new IndexProgressLine(error) : null;

    /// <summary>The closing time line: "template index (N templates) built in 12.3 s".</summary>
    public static string Summary(string what, TimeSpan elapsed, bool fromCache) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} {(fromCache ? "loaded from the cache" : "built")} in {elapsed.TotalSeconds:0.0} s");

    private static bool IsLive(TextWriter error, bool quiet) => !quiet && ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;

    /// <summary>Reports on the calling thread, so the bar never updates after the build returned.</summary>
    private sealed class Reporter(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}
