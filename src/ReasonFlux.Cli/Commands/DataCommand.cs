using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasonFlux.Evaluation.Benchmarks;
using ReasonFlux.Reasoning.Hosting;
using ReasonFlux.Training.Datasets;
using ReasonFlux.Training.Pairs;
using ReasonFlux.Training.Tokens;

namespace ReasonFlux.Cli.Commands;

/// <summary><c>reasonflux data sft|pairs</c>: LLaMA-Factory datasets from eval runs, flux traces and scored trajectory samples.</summary>
internal static class DataCommand
{
    private static readonly JsonSerializerOptions Indented = CliJson.Indented;

    public static Command Create()
    {
        var command = new Command("data", "Build LLaMA-Factory training data: navigator and long-CoT SFT, trajectory preference pairs.");
        command.Subcommands.Add(Sft());
        command.Subcommands.Add(Pairs());
        return command;
    }

    private static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "alpaca or sharegpt (LLaMA-Factory's documented layouts).", DefaultValueFactory = _ => "alpaca" };
        format.AcceptOnlyFromAmong("alpaca", "sharegpt");
        return format;
    }

    private static Command Sft()
    {
        var from = new Option<string[]>("--from") { Description = "longcot: eval RUN_DIRs; navigator: flux trace files, folders of them, or flux eval RUN_DIRs (repeatable).", Required = true, AllowMultipleArgumentsPerToken = true };
        var kind = new Option<string>("--kind") { Description = "navigator (problem → trajectory, from flux traces) or longcot (problem → <think>…</think> answer, from direct runs).", Required = true };
        kind.AcceptOnlyFromAmong("navigator", "longcot");
        var format = Format();
        var output = new Option<string>("--out", "-o") { Description = "Dataset folder: NAME.json and dataset_info.json (other entries are kept).", Required = true };
        var name = new Option<string?>("--name") { Description = "Dataset name (default reasonflux_navigator / reasonflux_longcot)." };
        var benchmark = new Option<string?>("--benchmark", "-b") { Description = "navigator: keep only trajectories whose answer is correct for this benchmark (name or JSONL path)." };
        var requireThinking = new Option<bool>("--require-thinking") { Description = "longcot: leave out replies without a thinking block." };
        var maxPerProblem = new Option<int?>("--max-per-problem") { Description = "longcot: most examples per problem." };
        var system = new Option<string?>("--system") { Description = "longcot: a system prompt for every example." };
        var stats = StatsOptions();
        var json = CommonOptions.Json();
        var command = new Command("sft", "Write supervised fine-tuning data and its dataset_info.json entry.")
        {
            from, kind, format, output, name, benchmark, requireThinking, maxPerProblem, system, stats.Tokenizer, stats.Cutoff, json,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async token =>
        {
            var navigator = parse.GetValue(kind) == "navigator";
            var sources = parse.GetValue(from) ?? [];
            if (sources.Length == 0) throw new UsageException("--from needs at least one run folder or trace file");
            SftExport export;
            if (navigator)
            {
                Dictionary<string, BenchmarkProblem>? gold = null;
                if (parse.GetValue(benchmark) is { } b)
                {
                    var loaded = await BenchmarkSource.LoadAsync(b, new BenchmarkSourceOptions(), null, token);
                    gold = loaded.Problems.GroupBy(p => p.Problem, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                }
                export = NavigatorExporter.Export(TraceFile.Expand(sources), new NavigatorOptions { Gold = gold });
            }
            else
            {
                if (parse.GetValue(benchmark) is not null) throw new UsageException("--benchmark filters navigator traces; long-CoT runs are graded already");
                export = LongCotExporter.Export(sources, new LongCotOptions
                {
                    RequireThinking = parse.GetValue(requireThinking),
                    MaxPerProblem = parse.GetValue(maxPerProblem),
                    System = parse.GetValue(system),
                });
            }
            var datasetName = parse.GetValue(name) ?? (navigator ? "reasonflux_navigator" : "reasonflux_longcot");
            var path = await DatasetWriter.WriteSftAsync(parse.GetValue(output)!, datasetName, ParseFormat(parse.GetValue(format)), export.Examples, token);
            var lengths = stats.Lengths(parse, navigator ? 2_048 : 16_384, tok => [.. export.Examples.Select(e => ExampleTokens.Count(tok, e))]);
            await ReportAsync(parse, json, datasetName, path, export.Examples.Count, export.Read, export.Excluded, lengths, i => export.Examples[i].Source);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Pairs()
    {
        var benchmark = new Option<string>("--benchmark", "-b") { Description = $"Benchmark name ({string.Join(", ", BenchmarkCatalog.Names)}) or a JSONL path.", Required = true };
        var trajectories = new Option<int>("--trajectories") { Description = "Trajectories sampled from the navigator per problem (m, default 4).", DefaultValueFactory = _ => 4 };
        var instantiations = new Option<int>("--instantiations") { Description = "Instantiations of each trajectory by the inference model (r, default 4); the score is the success rate.", DefaultValueFactory = _ => 4 };
        var output = new Option<string>("--out", "-o") { Description = "Folder: the result stores (trajectories/, instantiations/), NAME.json and dataset_info.json.", Required = true };
        var resume = new Option<bool>("--resume") { Description = "Continue the run in --out: finished calls are kept, failed ones redone." };
        var limit = new Option<int?>("--limit") { Description = "Only the first N problems." };
        var concurrency = new Option<int>("--concurrency", "-c") { Description = "Model calls at once (default 4).", DefaultValueFactory = _ => 4 };
        var format = Format();
        var name = new Option<string>("--name") { Description = "Dataset name (default reasonflux_pairs).", DefaultValueFactory = _ => "reasonflux_pairs" };
        var maxTokens = new Option<int>("--max-tokens") { Description = "Most tokens per call (default 3072).", DefaultValueFactory = _ => 3_072 };
        var temperature = new Option<float?>("--temperature") { Description = "Sampling temperature (default 0.6).", DefaultValueFactory = _ => 0.6f };
        var topP = new Option<float?>("--top-p") { Description = "Nucleus sampling (default 0.95).", DefaultValueFactory = _ => 0.95f };
        var seed = new Option<long?>("--seed") { Description = "Random seed." };
        var margin = new Option<double>("--min-margin") { Description = "Least score difference for a pair (default 0: any strictly better trajectory)." };
        var models = new ModelOptionSet();
        var flux = new FluxOptionSet();
        var stats = StatsOptions();
        var json = CommonOptions.Json();
        var command = new Command("pairs", "Sample m trajectories per problem, instantiate each r times, and write (chosen, rejected) pairs by success rate.")
        {
            benchmark, trajectories, instantiations, output, resume, limit, concurrency, format, name, maxTokens, temperature, topP, seed, margin,
            flux.NavigatorModel, flux.NavigatorEndpoint, stats.Tokenizer, stats.Cutoff, json,
        };
        models.AddTo(command);
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, async token =>
        {
            var options = new PairOptions
            {
                Trajectories = parse.GetValue(trajectories),
                Instantiations = parse.GetValue(instantiations),
                Concurrency = parse.GetValue(concurrency),
                Limit = parse.GetValue(limit),
                MaxTokens = parse.GetValue(maxTokens),
                Temperature = parse.GetValue(temperature),
                TopP = parse.GetValue(topP),
                Seed = parse.GetValue(seed),
                MinMargin = parse.GetValue(margin),
            };
            options.Validate();
            var error = parse.InvocationConfiguration.Error;
            var loaded = await BenchmarkSource.LoadAsync(parse.GetValue(benchmark)!, new BenchmarkSourceOptions { CacheDir = parse.GetValue(models.CacheDir) }, new LineProgress(error), token);
            using var host = await SolverHost.OpenAsync(flux.ApplyNavigator(models.ToSettings(parse, SolverKind.Direct), parse), DownloadDisplay.Lines(error), token);
            var generator = new PairGenerator(host.Navigator!, host.Inference!, options);
            var run = await generator.RunAsync(loaded, parse.GetValue(output)!, parse.GetValue(resume), new LineProgress(error), token);
            var datasetName = parse.GetValue(name)!;
            var path = await DatasetWriter.WritePreferenceAsync(parse.GetValue(output)!, datasetName, ParseFormat(parse.GetValue(format)), run.Pairs, token);
            var lengths = stats.Lengths(parse, 2_048, tok => [.. run.Pairs.Select(p => ExampleTokens.Count(tok, p))]);
            var excluded = new Dictionary<string, int>();
            if (run.IncompleteProblems > 0) excluded[$"problems incomplete ({run.Failed} failed calls; --resume redoes them)"] = run.IncompleteProblems;
            await ReportAsync(parse, json, datasetName, path, run.Pairs.Count, run.Trajectories.Count, excluded, lengths, i => run.Pairs[i].Source);
            return run.Failed > 0 ? ExitCodes.Failure : ExitCodes.Success;
        }, ct));
        return command;
    }

    private static DatasetFormat ParseFormat(string? format) => format == "sharegpt" ? DatasetFormat.ShareGpt : DatasetFormat.Alpaca;

    private static async Task ReportAsync(ParseResult parse, Option<bool> json, string name, string path, int written, int read,
        IReadOnlyDictionary<string, int> excluded, TokenLengthStats? lengths, Func<int, string> source)
    {
        var output = parse.InvocationConfiguration.Output;
        if (parse.GetValue(json))
        {
            var obj = new JsonObject
            {
                ["name"] = name,
                ["file"] = path,
                ["examples"] = written,
                ["read"] = read,
                ["excluded"] = new JsonObject([.. excluded.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
            };
            if (lengths is not null)
            {
                obj["tokens"] = new JsonObject
                {
                    ["min"] = lengths.Min, ["p50"] = lengths.P50, ["mean"] = Math.Round(lengths.Mean, 1), ["p95"] = lengths.P95, ["max"] = lengths.Max,
                    ["cutoff_len"] = lengths.CutoffLen, ["over_cutoff"] = lengths.OverCutoff.Count,
                };
            }
            await output.WriteLineAsync(obj.ToJsonString(Indented));
        }
        else
        {
            await output.WriteLineAsync($"wrote {Quantity.Of(written, "example")} to {path} (dataset \"{name}\", registered in dataset_info.json)");
            var left = excluded.Count == 0 ? "" : " — left out: " + string.Join(", ", excluded.Select(kv => $"{kv.Value} {kv.Key}"));
            await output.WriteLineAsync($"read {read}{left}");
            if (lengths is { Count: > 0 })
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"tokens: min {lengths.Min}, p50 {lengths.P50}, mean {lengths.Mean:0.#}, p95 {lengths.P95}, max {lengths.Max}"));
        }
        if (lengths is { OverCutoff.Count: > 0 } l)
        {
            var (index, tokens) = l.OverCutoff[0];
            await parse.InvocationConfiguration.Error.WriteLineAsync(
                $"warning: {l.OverCutoff.Count} of {Quantity.Of(l.Count, "example")} exceed cutoff_len {l.CutoffLen} (longest: {tokens} tokens, {source(index)}); LLaMA-Factory truncates them");
        }
    }

    private static StatsOptionSet StatsOptions() => new();

    /// <summary>--tokenizer and --cutoff-len: token-length statistics with a Qwen2-family tokenizer.</summary>
    private sealed class StatsOptionSet
    {
        public Option<string?> Tokenizer { get; } = new("--tokenizer") { Description = "Folder with the model's vocab.json and merges.txt (Qwen2 family) for token-length statistics." };
        public Option<int?> Cutoff { get; } = new("--cutoff-len") { Description = "Warn about examples longer than this (default: the preset's, 16384 long-CoT, 2048 navigator)." };

        public TokenLengthStats? Lengths(ParseResult parse, int defaultCutoff, Func<QwenTokenizer, IReadOnlyList<int>> count)
        {
            if (parse.GetValue(Tokenizer) is not { } dir)
            {
                if (parse.GetValue(Cutoff) is not null) throw new UsageException("--cutoff-len needs --tokenizer DIR to count tokens");
                return null;
            }
            var cutoff = parse.GetValue(Cutoff) ?? defaultCutoff;
            if (cutoff < 1) throw new UsageException("--cutoff-len must be at least 1");
            return TokenLengthStats.From(count(QwenTokenizer.Load(dir)), cutoff);
        }
    }
}
