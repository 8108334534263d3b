using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ReasonFlux.Reasoning;
using ReasonFlux.Templates;

namespace ReasonFlux.Cli.Commands;

/// <summary><c>reasonflux templates validate|list|show|stats|search|eval-retrieval|pull|distill</c>: the thought-template library.</summary>
internal static class TemplatesCommand
{
    private static readonly JsonSerializerOptions Json = CliJson.Compact;
    private static readonly JsonSerializerOptions JsonIndented = CliJson.Indented;

    private static readonly Option<string?> Library = new("--library", "-l")
    {
        Description = "Library JSON file; 'official' for the one `templates pull` downloaded; default: the built-in starter library.",
        Recursive = true,
    };

    private static readonly Option<string?> CacheDir = new("--cache-dir")
    {
        Description = "Cache folder for downloads and index vectors (default: $REASONFLUX_CACHE, else <user cache folder>/reasonflux).",
        Recursive = true,
    };

    private static readonly Option<string?> EmbedEndpoint = new("--embed-endpoint") { Description = "OpenAI-compatible embeddings API base, e.g. http://localhost:8000/v1 (default: MiniLM in process).", Recursive = true };
    private static readonly Option<string?> EmbedModel = new("--embed-model") { Description = "Model name for --embed-endpoint, e.g. jinaai/jina-embeddings-v3.", Recursive = true };
    private static readonly Option<string?> EmbedApiKey = new("--embed-api-key") { Description = "API key for --embed-endpoint (default: $REASONFLUX_EMBED_API_KEY).", Recursive = true };

    public static Command Create()
    {
        var command = new Command("templates", "Validate, browse, search and measure the thought-template library.");
        command.Options.Add(Library);
        command.Options.Add(CacheDir);
        command.Options.Add(EmbedEndpoint);
        command.Options.Add(EmbedModel);
        command.Options.Add(EmbedApiKey);
        command.Subcommands.Add(Validate());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Stats());
        command.Subcommands.Add(Search());
        command.Subcommands.Add(EvalRetrieval());
        command.Subcommands.Add(Pull());
        command.Subcommands.Add(TemplatesDistillCommand.Create());
        return command;
    }

    private static Command Validate()
    {
        var path = new Argument<string>("path") { Description = "The library JSON file to check." };
        var command = new Command("validate", "Check a library file; print every problem (file, JSON path, line). Exit 1 when invalid.") { path };
        command.SetAction(async (parse, ct) => await CommandRunner.RunAsync(parse, async _ =>
        {
            var file = parse.GetValue(path)!;
            var problems = TemplateLibrary.Validate(file);
            var output = parse.InvocationConfiguration.Output;
            foreach (var problem in problems) await output.WriteLineAsync(problem.ToString());
            var errors = problems.Count(p => !p.IsWarning);
            var warnings = problems.Count - errors;
            if (errors > 0)
            {
                await output.WriteLineAsync($"{file}: invalid: {errors} error(s), {warnings} warning(s)");
                return ExitCodes.Failure;
            }
            var library = TemplateLibrary.Load(file);
            await output.WriteLineAsync($"{file}: valid: {Quantity.Of(library.Templates.Count, "template")} in {library.Templates.Select(t => t.Chapter).Distinct().Count()} chapters, {warnings} warning(s)");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command List()
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List the templates: id, name, chapter / section.") { json };
        command.SetAction(async (parse, ct) => await CommandRunner.RunAsync(parse, async _ =>
        {
            var library = LoadLibrary(parse);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(library.Templates.Select(t => new { id = t.Id, name = t.Name, chapter = t.Chapter, section = t.Section }), Json));
                return ExitCodes.Success;
            }
            foreach (var t in library.Templates) await output.WriteLineAsync(TerminalText.Clean($"{t.Id}\t{t.Name}\t{t.Chapter} / {t.Section}"));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "Template id (see `templates list`)." };
        var json = new Option<bool>("--json") { Description = "Print the template's original JSON object." };
        var command = new Command("show", "Show one template.") { id, json };
        command.SetAction(async (parse, ct) => await CommandRunner.RunAsync(parse, async _ =>
        {
            var library = LoadLibrary(parse);
            var template = library.Find(parse.GetValue(id)!) ?? throw UnknownTemplate(library, parse.GetValue(id)!);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(template.Original.ToJsonString(JsonIndented));
                return ExitCodes.Success;
            }
            // Template text is data from a file: its control characters are shown, not obeyed.
            var text = new StringBuilder();
            text.AppendLine($"{template.Name}  [{template.Id}]");
            text.AppendLine($"{template.Type} · {template.Chapter} / {template.Section}");
            text.AppendLine($"tags: {string.Join(", ", template.Tags)}");
            text.AppendLine();
            text.AppendLine(template.Description);
            text.AppendLine("\nWhen to use:");
            foreach (var s in template.Scenarios) text.AppendLine($"  - {s}");
            text.AppendLine("\nSteps:");
            for (var i = 0; i < template.Steps.Count; i++) text.AppendLine($"  {i + 1}. {template.Steps[i]}");
            if (template.ExampleProblem is { } problem) text.AppendLine($"\nExample: {problem}");
            if (template.ExampleSolution is { } solution) text.AppendLine($"\nSolution:\n{solution}");
            if (template.ExampleAnswer is { } answer) text.AppendLine($"\nAnswer: {answer}");
            await output.WriteAsync(TerminalText.Clean(text.ToString()));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Stats()
    {
        var json = CommonOptions.Json();
        var command = new Command("stats", "Counts by chapter, type and tag, and field lengths.") { json };
        command.SetAction(async (parse, ct) => await CommandRunner.RunAsync(parse, async _ =>
        {
            var library = LoadLibrary(parse);
            var t = library.Templates;
            static Dictionary<string, int> Count(IEnumerable<string> keys, int top = int.MaxValue) =>
                keys.GroupBy(k => k).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(top).ToDictionary(g => g.Key, g => g.Count());
            static LengthSummary Lengths(IEnumerable<int> values)
            {
                var list = values.ToList();
                return new LengthSummary(Math.Round(list.Average(), 1), list.Max());
            }
            var stats = new
            {
                source = library.Source,
                templates = t.Count,
                chapters = Count(t.Select(x => x.Chapter)),
                sections = t.Select(x => (x.Chapter, x.Section)).Distinct().Count(),
                types = Count(t.Select(x => x.Type)),
                topTags = Count(t.SelectMany(x => x.Tags), 15),
                withExampleProblem = t.Count(x => x.ExampleProblem is not null),
                duplicateNames = library.Warnings.Count,
                descriptionChars = Lengths(t.Select(x => x.Description.Length)),
                steps = Lengths(t.Select(x => x.Steps.Count)),
                scenarios = Lengths(t.Select(x => x.Scenarios.Count)),
            };
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(stats, Json));
                return ExitCodes.Success;
            }
            await output.WriteLineAsync($"{stats.source}: {stats.templates} templates, {stats.chapters.Count} chapters, {stats.sections} sections, {stats.withExampleProblem} with an example problem, {stats.duplicateNames} duplicate names");
            await output.WriteLineAsync($"description chars: {stats.descriptionChars}; steps: {stats.steps}; scenarios: {stats.scenarios}");
            await WriteCountsAsync(output, "by chapter", stats.chapters);
            await WriteCountsAsync(output, "by type", stats.types);
            await WriteCountsAsync(output, "top tags", stats.topTags);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private sealed record LengthSummary(double Mean, int Max)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"mean {Mean}, max {Max}");
    }

    private static UsageException UnknownTemplate(TemplateLibrary library, string id)
    {
        var close = UsageErrorReport.Similar(id, library.Templates.Select(t => t.Id), 3);
        var hint = close.Count > 0 ? $"; did you mean {string.Join(", ", close)}?" : "";
        return new UsageException($"no template with id \"{id}\" in {library.Source}{hint} (see `reasonflux templates list`)");
    }

    private static async Task WriteCountsAsync(TextWriter output, string title, Dictionary<string, int> counts)
    {
        await output.WriteLineAsync($"{title}:");
        foreach (var (key, count) in counts) await output.WriteLineAsync(TerminalText.Clean($"  {count,5}  {key}"));
    }

    private static Command Search()
    {
        var query = new Argument<string?>("query") { Description = "Free text: a problem or a step (flat search).", Arity = ArgumentArity.ZeroOrOne };
        var k = new Option<int>("-k") { Description = "How many templates to return.", DefaultValueFactory = _ => 5 };
        var category = new Option<string?>("--category") { Description = "Hierarchical search: general knowledge category (matched to chapters)." };
        var direction = new Option<string?>("--direction") { Description = "Hierarchical search: specific direction (matched to sections)." };
        var method = new Option<string?>("--method") { Description = "Hierarchical search: applied method (matched to template names)." };
        var json = new Option<bool>("--json") { Description = "Print [{\"id\",\"name\",\"score\"}, …]." };
        var command = new Command("search", "Find templates: flat over template text, or hierarchical with --category/--direction/--method.") { query, k, category, direction, method, json };
        command.SetAction(async (parse, ct) => await CommandRunner.RunAsync(parse, async token =>
        {
            var count = parse.GetValue(k);
            if (count < 1) throw new UsageException("-k must be at least 1");
            var hierarchical = parse.GetValue(method) is not null || parse.GetValue(category) is not null || parse.GetValue(direction) is not null;
            var text = parse.GetValue(query);
            if (hierarchical && parse.GetValue(method) is null) throw new UsageException("hierarchical search needs --method (and usually --category and --direction)");
            if (!hierarchical && string.IsNullOrWhiteSpace(text)) throw new UsageException("give a QUERY, or --method for hierarchical search");

            var library = LoadLibrary(parse);
            using var embedder = CreateEmbedder(parse);
            var index = await IndexBuildDisplay.BuildAsync(parse.InvocationConfiguration.Error, parse.GetValue(json), library, embedder, IndexOptions(parse), token);
            var hits = hierarchical
                ? await index.SearchHierarchicalAsync(parse.GetValue(category) ?? "", parse.GetValue(direction) ?? "", parse.GetValue(method)!, count, token)
                : await index.SearchAsync(text!, count, token);
            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(hits.Select(h => new { id = h.Template.Id, name = h.Template.Name, score = Math.Round(h.Score, 4) }), Json));
                return ExitCodes.Success;
            }
            foreach (var h in hits) await output.WriteLineAsync(TerminalText.Clean($"{h.Score.ToString("0.000", CultureInfo.InvariantCulture)}  {h.Template.Id}  {h.Template.Name}"));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command EvalRetrieval()
    {
        var json = new Option<bool>("--json") { Description = "Print {\"queries\",\"recall_at_1\",\"recall_at_5\",\"mrr\"} for the default text choice only." };
        var queries = new Option<string?>("--queries") { Description = "Query with this library's templates only (e.g. a `templates distill` delta), each against its copy in --library." };
        var command = new Command("eval-retrieval", "Query each template with its example problem; report recall@1, recall@5 and MRR per choice of embedded text.") { json, queries };
        command.SetAction(async (parse, ct) => await CommandRunner.RunAsync(parse, async token =>
        {
            var library = LoadLibrary(parse);
            var only = parse.GetValue(queries) is { } q ? TemplateLibrary.Load(q) : null;
            using var embedder = CreateEmbedder(parse);
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var indexLine = IndexBuildDisplay.Line(error, parse.GetValue(json));
            async Task<IReadOnlyList<RetrievalReport>> EvaluateAsync(IReadOnlyList<TemplateIndexOptions> choices)
            {
                choices = [.. choices.Select(c => c with { Progress = indexLine })];
                try
                {
                    return only is null
                        ? await RetrievalEvaluation.RunAsync(library, embedder, choices, token)
                        : await RetrievalEvaluation.RunAsync(library, embedder, choices, only, token);
                }
                finally
                {
                    indexLine?.Clear();
                }
            }
            if (parse.GetValue(json))
            {
                var report = (await EvaluateAsync([IndexOptions(parse)]))[0];
                await output.WriteLineAsync(JsonSerializer.Serialize(new { queries = report.Queries, recall_at_1 = Math.Round(report.RecallAt1, 4), recall_at_5 = Math.Round(report.RecallAt5, 4), mrr = Math.Round(report.Mrr, 4) }, Json));
                return ExitCodes.Success;
            }
            await output.WriteLineAsync($"{library.Source}: {Quantity.Of(library.Templates.Count, "template")}{(only is null ? "" : $"; queries: the {only.Templates.Count} templates of {only.Source}")}");
            var reports = await EvaluateAsync([.. RetrievalEvaluation.StandardChoices.Select(c => c with { CacheDirectory = CacheRoot(parse) })]);
            var width = reports.Max(r => r.Label.Length) + 10;
            await output.WriteLineAsync($"{"scoring: embedded/indexed text".PadRight(width)} queries  recall@1  recall@5     MRR");
            foreach (var r in reports)
            {
                var label = r.IsDefault ? r.Label + " (default)" : r.Label;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{label.PadRight(width)} {r.Queries,7}  {r.RecallAt1,8:0.000}  {r.RecallAt5,8:0.000}  {r.Mrr,6:0.000}"));
            }
            if (indexLine is not null)
                await error.WriteLineAsync(IndexBuildDisplay.Summary(Quantity.Of(reports.Count, "template index", "template indexes"), TimeSpan.FromTicks(reports.Sum(r => r.IndexTime.Ticks)), reports.All(r => r.IndexFromCache)));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Pull()
    {
        var url = new Option<string?>("--url") { Description = $"Download from here (default: $REASONFLUX_TEMPLATES_URL, else {OfficialLibrary.DefaultUrl})." };
        var sha = new Option<string?>("--sha256") { Description = "Expected SHA-256 of the file (default: the official file's)." };
        var command = new Command("pull", "Download the official template library into the cache (sha256-checked) and print its path.") { url, sha };
        command.SetAction(async (parse, ct) => await CommandRunner.RunAsync(parse, async token =>
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
            var result = await OfficialLibrary.PullAsync(OfficialLibrary.ResolveUrl(parse.GetValue(url)), parse.GetValue(sha), CacheRoot(parse), http, token);
            await parse.InvocationConfiguration.Error.WriteLineAsync(result.Downloaded ? $"downloaded {result.Bytes:N0} bytes, sha256 {result.Sha256}" : $"already cached, sha256 {result.Sha256}");
            await parse.InvocationConfiguration.Output.WriteLineAsync(result.Path);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    internal static string CacheRoot(ParseResult parse) => ReasonFlux.CacheRoot.Resolve(parse.GetValue(CacheDir));

    internal static TemplateIndexOptions IndexOptions(ParseResult parse) => new() { CacheDirectory = CacheRoot(parse) };

    internal static TemplateLibrary LoadLibrary(ParseResult parse) => parse.GetValue(Library) switch
    {
        null or "starter" => TemplateLibrary.LoadStarter(),
        "official" => File.Exists(OfficialLibrary.CachedPath(CacheRoot(parse)))
            ? TemplateLibrary.Load(OfficialLibrary.CachedPath(CacheRoot(parse)))
            : throw new UsageException("the official library is not downloaded yet; run `reasonflux templates pull`"),
        var path => TemplateLibrary.Load(path),
    };

    internal static IEmbeddingGenerator<string, Embedding<float>> CreateEmbedder(ParseResult parse)
    {
        var endpoint = parse.GetValue(EmbedEndpoint);
        var model = parse.GetValue(EmbedModel);
        if (endpoint is null) return model is null ? Embedders.MiniLm(CacheRoot(parse)) : throw new UsageException("--embed-model needs --embed-endpoint");
        if (model is null) throw new UsageException("--embed-endpoint needs --embed-model");
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)) throw new UsageException($"--embed-endpoint: not an absolute URL: {endpoint}");
        return Embedders.OpenAICompatible(uri, model, parse.GetValue(EmbedApiKey) ?? Environment.GetEnvironmentVariable("REASONFLUX_EMBED_API_KEY"));
    }
}
