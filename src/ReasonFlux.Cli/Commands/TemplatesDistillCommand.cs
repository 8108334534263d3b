using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using ReasonFlux.Distillation;
using ReasonFlux.Models;
using ReasonFlux.Models.Hub;
using ReasonFlux.Models.Middleware;
using ReasonFlux.Reasoning.Traces;
using Spectre.Console;

namespace ReasonFlux.Cli.Commands;

/// <summary><c>reasonflux templates distill</c>: grow a library from solved problems (eval runs, flux traces); resumable.</summary>
internal static class TemplatesDistillCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
    };

    public static Command Create()
    {
        var from = new Option<string[]>("--from") { Description = "Eval run folders (samples graded correct), flux trace files or folders of them; repeatable.", Required = true, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out", "-o") { Description = "The merged library to write (the delta goes to NEW.delta.json, progress to NEW.distill.db).", Required = true };
        var delta = new Option<string?>("--delta") { Description = "Where to write the delta: only the new templates (default: beside --out, NEW.delta.json)." };
        var resume = new Option<bool>("--resume") { Description = "Continue the distillation recorded beside --out: decided problems are kept, failed calls redone." };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Problems distilled at once (default 4).", DefaultValueFactory = _ => 4 };
        var limit = new Option<int?>("--limit") { Description = "Only the first N solved problems." };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens per distiller call (default 2048).", DefaultValueFactory = _ => 2_048 };
        var temperature = new Option<float?>("--temperature") { Description = "Sampling temperature of the distiller (default: the backend's)." };
        var duplicate = new Option<double>("--duplicate-similarity") { Description = "Embedding similarity at which a template is a duplicate outright (default 0.92).", DefaultValueFactory = _ => 0.92 };
        var judge = new Option<double>("--judge-similarity") { Description = "Similarity from which the LLM judge decides borderline duplicates (default 0.80).", DefaultValueFactory = _ => 0.80 };
        var section = new Option<double>("--section-similarity") { Description = "Least similarity of the proposed section to the retrieved one; below it a new section is opened and flagged (default 0.5).", DefaultValueFactory = _ => 0.5 };
        var json = CommonOptions.Json();
        var models = new ModelOptionSet();
        var command = new Command("distill", "Distil new thought templates from solved problems with an LLM; keep those that validate, reach the gold answer and are new.")
        {
            from, output, delta, resume, concurrency, limit, maxTokens, temperature, duplicate, judge, section, json,
        };
        models.AddTo(command);
        // `templates --cache-dir` (recursive) already names the cache root; the model downloads share it.
        command.Options.Remove(models.CacheDir);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async token =>
        {
            var options = new DistillOptions
            {
                Concurrency = parse.GetValue(concurrency),
                Limit = parse.GetValue(limit),
                MaxTokens = parse.GetValue(maxTokens),
                Temperature = parse.GetValue(temperature),
                DuplicateSimilarity = parse.GetValue(duplicate),
                JudgeSimilarity = parse.GetValue(judge),
                SectionSimilarity = parse.GetValue(section),
                Index = TemplatesCommand.IndexOptions(parse),
            };
            options.Validate();
            var spec = models.ToSpec(parse) with { Hub = HubOptions.Resolve(TemplatesCommand.CacheRoot(parse), parse.GetValue(models.HubUrl)) };
            var error = parse.InvocationConfiguration.Error;
            var writer = parse.InvocationConfiguration.Output;
            var asJson = parse.GetValue(json);

            var library = TemplatesCommand.LoadLibrary(parse);
            var sources = parse.GetValue(from) ?? [];
            var set = SolvedProblemReader.Read(sources);
            if (set.Problems.Count == 0)
                throw new UsageException($"no solved problems in {string.Join(", ", sources)} ({Describe(set.Skipped)}); distil from eval runs with correct samples or completed flux traces");

            var policy = models.CallPolicy(parse, options.Concurrency);
            using var session = await ModelLoader.OpenAsync(spec, asJson ? null : DownloadDisplay.Lines(error), c => ChatPipeline.Wrap(c, policy), token);
            using var embedder = TemplatesCommand.CreateEmbedder(parse);
            var distiller = new TemplateDistiller(session.Client, embedder, session.ModelId, options);
            var mergedPath = Path.GetFullPath(parse.GetValue(output)!);
            using (var store = DistillStore.Open(DistillStore.PathFor(mergedPath), distiller.Manifest(library, sources), parse.GetValue(resume)))
            {
                var terminal = !asJson && Terminal.IsTerminal(writer) && !Console.IsErrorRedirected;
                var summary = await RunAsync(terminal, p => distiller.RunAsync(set, library, store, p, token));
                var deltaPath = DistilledLibrary.Write(library, store.ReadAll(), mergedPath, parse.GetValue(delta));
                if (asJson) await writer.WriteLineAsync(JsonSerializer.Serialize(new { summary, merged = mergedPath, delta = deltaPath, store = store.Path }, Json));
                else await WriteSummaryAsync(writer, summary, mergedPath, deltaPath);
                var decided = summary.Kept + summary.Duplicates + summary.FailedChecks + summary.Unreadable;
                if (summary.Errors == 0) return ExitCodes.Success;
                var first = store.ReadAll().First(r => r.Outcome == DistillOutcomes.Error);
                if (decided == 0)
                {
                    await error.WriteLineAsync($"error: every distiller call failed ({summary.Errors}); first: {first.Key}: {first.Reason}");
                    return ExitCodes.ModelError;
                }
                await error.WriteLineAsync($"warning: {summary.Errors} problem(s) failed ({first.Key}: {first.Reason}); run again with --resume to redo them");
                return ExitCodes.Success;
            }
        }, ct));
        return command;
    }

    /// <summary>A Spectre progress bar on stderr in a terminal; nothing when output is piped or JSON.</summary>
    private static async Task<DistillSummary> RunAsync(bool terminal, Func<IProgress<DistillProgress>?, Task<DistillSummary>> run)
    {
        if (!terminal) return await run(null);
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        DistillSummary? summary = null;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: 1);
                summary = await run(new Reporter(p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    task.Description = Markup.Escape($"{p.Done}/{p.Total} · kept {p.Kept} · duplicate {p.Duplicates} · failed check {p.FailedChecks} · unreadable {p.Unreadable} · errors {p.Errors}");
                }));
            });
        return summary!;
    }

    private static async Task WriteSummaryAsync(TextWriter writer, DistillSummary s, string merged, string? delta)
    {
        var inv = CultureInfo.InvariantCulture;
        var skipped = s.Skipped.Count == 0 ? "" : $" ({s.Skipped.Values.Sum()} left out: {Describe(s.Skipped)})";
        await writer.WriteLineAsync($"{s.Solved} solved problems{skipped}; {s.Calls} model calls");
        await writer.WriteLineAsync($"kept {s.Kept} · duplicate {s.Duplicates} · failed check {s.FailedChecks} · unreadable {s.Unreadable} · error {s.Errors}");
        foreach (var (outcome, reasons) in s.ByReason) await writer.WriteLineAsync($"  {outcome.Replace('_', ' ')}: {Describe(reasons)}");
        foreach (var t in s.Templates) await writer.WriteLineAsync($"  + {t.Name}  [{t.Chapter} / {t.Section}]{(t.NewSection ? "  (new section: check it)" : "")}");
        foreach (var d in s.DuplicateOf) await writer.WriteLineAsync(string.Create(inv, $"  = {d.Problem} duplicates {d.Of} (similarity {d.Similarity:0.000})"));
        await writer.WriteLineAsync($"merged: {merged}");
        await writer.WriteLineAsync(delta is null ? "delta: none (no template kept)" : $"delta: {delta}");
    }

    private static string Describe(IReadOnlyDictionary<string, int> counts) => string.Join(", ", counts.Select(p => $"{p.Key} {p.Value}"));

    /// <summary>Reports on the calling thread (unlike <see cref="Progress{T}"/>, which posts and may reorder).</summary>
    private sealed class Reporter(Action<DistillProgress> report) : IProgress<DistillProgress>
    {
        public void Report(DistillProgress value) => report(value);
    }
}
