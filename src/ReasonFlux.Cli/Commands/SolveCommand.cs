using System.CommandLine;
using System.Text.Json.Serialization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ReasonFlux.Models.Local;
using ReasonFlux.Reasoning.Hosting;
using ReasonFlux.Reasoning.Traces;
using ReasonFlux.Reasoning;

namespace ReasonFlux.Cli.Commands;

/// <summary><c>reasonflux solve</c>: solve one problem and print the answer.</summary>
internal static class SolveCommand
{
    private static readonly JsonSerializerOptions Json = CliJson.Compact;

    public static Command Create()
    {
        var problem = new Argument<string?>("problem") { Description = "The problem text, or - to read it from stdin.", Arity = ArgumentArity.ZeroOrOne };
        var file = new Option<FileInfo?>("--file", "-f") { Description = "Read the problem from this file." };
        var mode = new Option<string>("--mode") { Description = "direct: one long chain-of-thought call per sample (ReasonFlux-F1); flux (default): navigator-planned, template-guided steps (ReasonFlux-Zero).", DefaultValueFactory = _ => "flux" };
        mode.AcceptOnlyFromAmong("direct", "flux");
        // No DefaultValueFactory: the default depends on the mode, and help would print one "[default: 32768]" for both.
        var maxTokens = new Option<int?>("--max-tokens") { Description = "direct: most tokens per sample, thinking included (default 32768); flux: most tokens per model call (default 3072)." };
        var temperature = new Option<float?>("--temperature") { Description = "Sampling temperature (default: the backend's; 0 is greedy)." };
        var topP = new Option<float?>("--top-p") { Description = "Nucleus sampling threshold." };
        var seed = new Option<long?>("--seed") { Description = "Random seed, for repeatable sampling." };
        var thinkingBudget = new Option<int?>("--thinking-budget") { Description = "End thinking after N tokens and force the final answer (s1 budget forcing)." };
        var minThinking = new Option<int?>("--min-thinking") { Description = "Replace an end of thinking before N tokens with \"Wait\" and continue." };
        var samples = new Option<int>("--samples", "-n") { Description = "Independent samples; the answer is the majority vote (default 1).", DefaultValueFactory = _ => 1 };
        var json = CommonOptions.Json();
        var models = new ModelOptionSet();
        var flux = new FluxOptionSet();

        var command = new Command("solve", "Solve a math problem and print the final answer.")
        {
            problem, file, mode, maxTokens, temperature, topP, seed, thinkingBudget, minThinking, samples, json,
        };
        models.AddTo(command);
        flux.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async token =>
        {
            var kind = parse.GetValue(mode) switch
            {
                "direct" => SolverKind.Direct,
                "flux" => SolverKind.Flux,
                _ => SolverKind.Flux,
            };
            var text = await ReadProblemAsync(parse.GetValue(problem), parse.GetValue(file), token);
            if (kind == SolverKind.Flux && (parse.GetResult(thinkingBudget) is { Implicit: false } || parse.GetResult(minThinking) is { Implicit: false }))
                throw new UsageException("--thinking-budget and --min-thinking apply to --mode direct only");
            var settings = models.ToSettings(parse, kind) with
            {
                Sampling = new()
                {
                    Temperature = parse.GetValue(temperature),
                    TopP = parse.GetValue(topP),
                    Seed = parse.GetValue(seed),
                    // Flux keeps the original's per-call cap unless --max-tokens is given.
                    MaxTokens = kind == SolverKind.Direct ? parse.GetValue(maxTokens) ?? 32_768 : parse.GetValue(maxTokens),
                },
                Direct = new() { ThinkingBudget = parse.GetValue(thinkingBudget), MinThinking = parse.GetValue(minThinking), Samples = parse.GetValue(samples) },
            };
            if (kind == SolverKind.Flux) settings = flux.ApplyTo(settings, parse, parse.GetValue(samples));
            settings.Validate();
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var indexLine = kind == SolverKind.Flux ? IndexBuildDisplay.Line(error, parse.GetValue(json)) : null;
            async Task<SolverHost> OpenAsync()
            {
                try
                {
                    return kind == SolverKind.Direct
                        ? await DownloadDisplay.RunAsync(output, error, $"loading {settings.Model}", clearWhenDone: true, progress => SolverHost.OpenAsync(settings, progress, token))
                        : await SolverHost.OpenAsync(settings with { IndexProgress = indexLine }, DownloadDisplay.Lines(error), token);
                }
                finally
                {
                    indexLine?.Clear();
                }
            }
            using var host = await OpenAsync();
            if (indexLine is not null && host.Index is { } index && host.IndexTime is { } indexTime)
                await error.WriteLineAsync(IndexBuildDisplay.Summary($"template index ({index.Templates.Count} templates)", indexTime, index.LoadedFromCache));
            if (parse.GetValue(CommonOptions.Verbose) && host.Inference?.GetService<GgufModel>() is { } local) await error.WriteLineAsync(local.Describe());
            var solution = await SolveAsync(host.ForSample(0), text, parse.GetValue(json) ? null : new SolveDisplay(output) { IndexTime = indexLine is null ? null : host.IndexTime }, parse.GetValue(flux.Trace), error, token);
            if (parse.GetValue(json)) await output.WriteLineAsync(JsonSerializer.Serialize(SolveJson.From(solution), Json));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    /// <summary>Streams the solve to the display; with <paramref name="tracePath"/> the trace is written, also when the solve fails.</summary>
    private static async Task<Solution> SolveAsync(ISolver solver, string text, SolveDisplay? display, string? tracePath, TextWriter error, CancellationToken token)
    {
        var recorder = new TraceRecorder();
        Solution? solution = null;
        try
        {
            await foreach (var update in solver.SolveStreamingAsync(new SolveRequest(text) { Trace = recorder }, token))
            {
                display?.Show(update);
                solution = update.Solution ?? solution;
            }
        }
        finally
        {
            // The streamed text may end mid-line; the trace, error or "cancelled" line must start its own.
            display?.EndLine();
            // Written also when the solve failed or was cancelled: the trace then shows how far it got.
            if (tracePath is not null && recorder.Trace is { } trace)
            {
                await TraceJson.WriteAsync(trace, tracePath, CancellationToken.None);
                if (display is not null || trace.Error is not null) await error.WriteLineAsync($"trace written to {tracePath}");
            }
        }
        if (solution is null) throw new InvalidOperationException("the solver ended without a solution");
        display?.Finish(solution);
        return solution;
    }

    private static async Task<string> ReadProblemAsync(string? argument, FileInfo? file, CancellationToken ct)
    {
        if (file is not null && argument is not null) throw new UsageException("give the problem either as an argument or with --file, not both");
        string text;
        if (file is not null)
        {
            if (!file.Exists) throw new UsageException($"{file.FullName}: problem file not found");
            text = await File.ReadAllTextAsync(file.FullName, ct);
        }
        else if (argument is "-") text = await Console.In.ReadToEndAsync(ct);
        else text = argument ?? throw new UsageException("no problem given: pass it as an argument, with --file FILE, or - to read stdin");
        if (string.IsNullOrWhiteSpace(text)) throw new UsageException(file is not null ? $"{file.FullName}: the problem file is empty" : "the problem is empty");
        return text.Trim();
    }

    /// <summary>The <c>--json</c> shape.</summary>
    internal sealed record SolveJson(
        string? Answer, string Text, string Thinking, SolveJson.UsageJson Usage, long ElapsedMs, string Model,
        [property: JsonPropertyName("samples")] IReadOnlyList<string?> SampleAnswers)
    {
        internal sealed record UsageJson(long PromptTokens, long CompletionTokens);

        public static SolveJson From(Solution s) => new(
            s.Answer, s.Text, s.Thinking, new UsageJson(s.Usage.PromptTokens, s.Usage.CompletionTokens),
            (long)s.Elapsed.TotalMilliseconds, s.Model, s.Samples.Select(x => x.Answer).ToList());
    }
}
