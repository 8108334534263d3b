using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ReasonFlux.Evaluation;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Evaluation.Reports;
using ReasonFlux.Evaluation.Metrics;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Reasoning.Hosting;
using Spectre.Console;

namespace ReasonFlux.Cli.Commands;

/// <summary><c>reasonflux eval</c>: run a benchmark with a solver into a resumable run folder and print its figures.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var benchmark = new Option<string>("--benchmark", "-b") { Description = $"Benchmark name ({string.Join(", ", BenchmarkCatalog.Names)}) or a JSONL path.", Required = true };
        var solver = new Option<string>("--solver") { Description = "direct (one chain-of-thought call per sample), flux (navigator-planned, template-guided steps), or reference (the benchmark's own solutions; no model).", DefaultValueFactory = _ => "direct" };
        solver.AcceptOnlyFromAmong([.. SolverKinds.Names]);
        var samples = new Option<int>("--samples", "-k") { Description = "Samples per problem (default 1). pass@1 is the mean over them.", DefaultValueFactory = _ => 1 };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Samples solved at once (default 8).", DefaultValueFactory = _ => 8 };
        var output = new Option<string>("--out", "-o") { Description = "Run folder: results.db (every sample), summary.json.", Required = true };
        var limit = new Option<int?>("--limit") { Description = "Only the first N problems." };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out: done samples are kept, failed ones redone." };
        var data = new Option<string?>("--data") { Description = "Read the benchmark from this local file (required for gpqa-diamond: the official CSV)." };
        var dataUrl = new Option<string?>("--data-url") { Description = "Download the built-in benchmark from this URL instead of its public origin (the checksum still applies)." };
        var fieldProblem = new Option<string?>("--field-problem") { Description = "JSONL field holding the problem (default: problem)." };
        var fieldAnswer = new Option<string?>("--field-answer") { Description = "JSONL field holding the gold answer (default: answer)." };
        // No DefaultValueFactory: the default depends on the mode, and help would print one "[default: 32768]" for both.
        var maxTokens = new Option<int?>("--max-tokens") { Description = "direct: most tokens per sample, thinking included (default 32768); flux: most tokens per model call (default 3072)." };
        var temperature = new Option<float?>("--temperature") { Description = "Sampling temperature (default: the backend's)." };
        var topP = new Option<float?>("--top-p") { Description = "Nucleus sampling threshold." };
        var seed = new Option<long?>("--seed") { Description = "Random seed; sample i uses seed + i." };
        var timeout = new Option<double?>("--sample-timeout") { Description = "Seconds per sample before it is stored as a timeout." };
        var endpoints = new Option<string[]>("--endpoint") { Description = "Base URL of an OpenAI-compatible server; repeat it to spread requests over several (least outstanding requests)." };
        var json = CommonOptions.Json();
        var models = new ModelOptionSet();
        var flux = new FluxOptionSet();

        var command = new Command("eval", "Evaluate a solver on a benchmark (MATH500, AIME, GPQA-Diamond…); resumable, every sample stored.")
        {
            benchmark, solver, samples, concurrency, output, limit, resume, data, dataUrl, fieldProblem, fieldAnswer,
            maxTokens, temperature, topP, seed, timeout, json,
        };
        models.AddTo(command);
        command.Options.Remove(models.Endpoint);
        command.Options.Add(endpoints);
        flux.AddTo(command);
        // Each of the k samples is its own solve, so the in-solve vote does not apply; traces of whole runs are not kept.
        flux.Select.Hidden = true;
        flux.Trace.Hidden = true;
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async token =>
        {
            if (parse.GetValue(flux.Trace) is not null) throw new UsageException("--trace is for `reasonflux solve`; an eval run stores every sample's trace in results.db, linked from `reasonflux report`");
            var runOptions = new EvalRunOptions
            {
                Samples = parse.GetValue(samples),
                Concurrency = parse.GetValue(concurrency),
                Limit = parse.GetValue(limit),
                SampleTimeout = parse.GetValue(timeout) is { } s ? TimeSpan.FromSeconds(s) : null,
            };
            var plan = new EvalPlan
            {
                Benchmark = parse.GetValue(benchmark)!,
                RunDir = parse.GetValue(output)!,
                Solver = SolverSettingsFor(parse, solver, models, flux, endpoints, runOptions.Concurrency, maxTokens, temperature, topP, seed),
                Run = runOptions,
                Resume = parse.GetValue(resume),
                DataPath = parse.GetValue(data),
                DataUrl = parse.GetValue(dataUrl) is { } u ? (Uri.TryCreate(u, UriKind.Absolute, out var url) ? url : throw new UsageException($"--data-url '{u}' is not an absolute URL")) : null,
                FieldProblem = parse.GetValue(fieldProblem),
                FieldAnswer = parse.GetValue(fieldAnswer),
            };
            var error = parse.InvocationConfiguration.Error;
            using var run = await EvalRun.OpenAsync(plan, DownloadDisplay.Lines(error), new LineProgress(error), token);
            var display = new EvalProgressDisplay(error, Terminal.IsTerminal(parse.InvocationConfiguration.Output));
            EvalSummary summary;
            try
            {
                summary = await display.RunAsync(p => run.RunAsync(p, token));
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                await error.WriteLineAsync($"interrupted; continue with: {ResumeCommandLine(parse)}");
                return ExitCodes.Cancelled;
            }
            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json)) await writer.WriteLineAsync(JsonSerializer.Serialize(summary, CliJson.Compact));
            else await WriteSummaryAsync(writer, summary, run.Store.RunDir);
            return summary.Errors > 0 ? await ReportFailuresAsync(error, summary, run.Store) : ExitCodes.Success;
        }, ct));
        return command;
    }

    /// <summary>The command line that continues an interrupted run: the same arguments (so the same --out folder) with --resume.</summary>
    internal static string ResumeCommandLine(ParseResult parse)
    {
        var args = parse.Tokens.Select(t => t.Value).ToList();
        if (!args.Contains("--resume")) args.Add("--resume");
        return "reasonflux " + string.Join(' ', args.Select(Quote));
        static string Quote(string arg) =>
            arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=@,+%".Contains(c)) ? arg : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    /// <summary>The solver settings of an eval: --max-tokens caps each flux call only when given (else the original's 3,072).</summary>
    private static SolverSettings SolverSettingsFor(
        ParseResult parse, Option<string> solver, ModelOptionSet models, FluxOptionSet flux, Option<string[]> endpoints, int concurrency,
        Option<int?> maxTokens, Option<float?> temperature, Option<float?> topP, Option<long?> seed)
    {
        var name = parse.GetValue(solver)!;
        var kind = SolverKinds.TryParse(name) ?? throw new UsageException($"--solver {name} is unknown; the solvers are: {string.Join(", ", SolverKinds.Names)}");
        var settings = models.ToSettings(parse, kind, concurrency) with
        {
            Endpoints = kind == SolverKind.Reference ? [] : EndpointUris(parse, endpoints, models),
            Direct = new() { MaxTokens = parse.GetValue(maxTokens) ?? 32_768 },
            Sampling = new()
            {
                Temperature = parse.GetValue(temperature),
                TopP = parse.GetValue(topP),
                Seed = parse.GetValue(seed),
                MaxTokens = parse.GetValue(maxTokens),
            },
        };
        // Each of the k samples is its own solve, so flux runs one trajectory per sample.
        return kind == SolverKind.Flux ? flux.ApplyTo(settings, parse, samples: 1) : settings;
    }

    private static List<Uri> EndpointUris(ParseResult parse, Option<string[]> endpoints, ModelOptionSet models)
    {
        var urls = parse.GetValue(endpoints) ?? [];
        if (urls.Length > 0 && string.IsNullOrWhiteSpace(parse.GetValue(models.Model))) throw new UsageException("--endpoint needs --model NAME (the model name the servers serve)");
        return [.. urls.Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : throw new UsageException($"--endpoint '{url}' is not an absolute URL; expected e.g. http://127.0.0.1:8000/v1"))];
    }

    /// <summary>
    /// Failed samples (error or timeout) are kept and redone by --resume. A run with some of them still succeeds, with a
    /// warning; a run where nothing completed is a backend failure (exit 3), so scripts do not take its 0% for a score.
    /// </summary>
    private static async Task<int> ReportFailuresAsync(TextWriter error, EvalSummary summary, ResultStore store)
    {
        var first = store.ReadSamples().FirstOrDefault(s => s.Error is not null);
        var where = first is null ? "" : $"; first: {first.ProblemId} sample {first.SampleIndex}: {first.Error}";
        if (summary.Samples == 0)
        {
            await error.WriteLineAsync($"error: every sample failed ({summary.Errors} of {summary.Errors}){where}");
            return ExitCodes.ModelError;
        }
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"warning: {summary.Errors} of {Quantity.Of(summary.Errors + summary.Samples, "sample")} failed ({summary.Failures.GetValueOrDefault(FailureKinds.Timeout)} timeout, {summary.Failures.GetValueOrDefault(FailureKinds.Error)} error){where}; run again with --resume to redo them"));
        return ExitCodes.Success;
    }

    private static async Task WriteSummaryAsync(TextWriter writer, EvalSummary s, string runDir)
    {
        var inv = CultureInfo.InvariantCulture;
        await writer.WriteLineAsync(string.Create(inv, $"{s.Benchmark} · solver {s.Solver}{(s.Model.Length > 0 ? " · model " + s.Model : "")} · {s.Problems}/{s.ProblemsTotal} {Quantity.Noun(s.ProblemsTotal, "problem")}{ReportWriter.SubsetNote(s)} × {Quantity.Of(s.K, "sample")}"));
        await writer.WriteLineAsync(string.Create(inv, $"pass@1  {s.Pass1:P1}  (95% CI {s.Pass1Ci95[0]:P1} – {s.Pass1Ci95[1]:P1})"));
        if (s.K > 1) await writer.WriteLineAsync(string.Create(inv, $"maj@{s.K}   {s.MajK:P1}\npass@{s.K}  {s.PassK:P1}"));
        foreach (var (level, score) in s.ByLevel) await writer.WriteLineAsync(string.Create(inv, $"  level {level}: {score.Pass1:P1} ({Quantity.Of(score.Problems, "problem")})"));
        await writer.WriteLineAsync(string.Create(inv,
            $"failures: wrong {s.Failures.GetValueOrDefault(FailureKinds.WrongAnswer)} · no answer {s.Failures.GetValueOrDefault(FailureKinds.NoAnswer)} · timeout {s.Failures.GetValueOrDefault(FailureKinds.Timeout)} · error {s.Failures.GetValueOrDefault(FailureKinds.Error)}"));
        await writer.WriteLineAsync($"results: {Path.Combine(runDir, SummaryFile.FileName)}");
    }

    /// <summary>Live progress of an eval run: a Spectre.Console bar on a terminal, otherwise a plain line every few seconds.</summary>
    internal sealed class EvalProgressDisplay(TextWriter error, bool terminal)
    {
        private static readonly TimeSpan LineInterval = TimeSpan.FromSeconds(5);

        /// <summary>The description carries the run's own ETA (from the samples' pace); Spectre's remaining-time column would show a second, different one.</summary>
        internal static ProgressColumn[] BarColumns => [new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn()];

        public async Task<EvalSummary> RunAsync(Func<IProgress<EvalProgress>, Task<EvalSummary>> run)
        {
            if (!terminal)
            {
                var last = TimeSpan.FromDays(-1);
                var gate = new Lock();
                return await run(new Reporter(p =>
                {
                    lock (gate)
                    {
                        if (p.Done + p.Errors < p.Total && p.Elapsed - last < LineInterval) return;
                        last = p.Elapsed;
                        error.WriteLine(Describe(p));
                    }
                }));
            }
            EvalSummary? summary = null;
            await AnsiConsole.Progress()
                .Columns(BarColumns)
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("starting", maxValue: 1);
                    summary = await run(new Reporter(p =>
                    {
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = p.Done + p.Errors;
                        task.Description = Markup.Escape(Describe(p));
                    }));
                });
            return summary!;
        }

        private static string Describe(EvalProgress p) => string.Create(CultureInfo.InvariantCulture,
            $"{p.Done}/{p.Total} pass@1 {p.RunningPass1:P1} · {p.TokensPerSecond:0} tok/s · errors {p.Errors}{(p.Eta is { } eta ? $" · ETA {eta:hh\\:mm\\:ss}" : "")}");

        /// <summary>Reports on the calling thread (unlike <see cref="Progress{T}"/>, which posts and may reorder).</summary>
        private sealed class Reporter(Action<EvalProgress> report) : IProgress<EvalProgress>
        {
            public void Report(EvalProgress value) => report(value);
        }
    }
}
