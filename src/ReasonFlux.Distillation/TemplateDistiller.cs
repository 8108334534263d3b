using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ReasonFlux.Grading;
using ReasonFlux.Templates;

namespace ReasonFlux.Distillation;

/// <summary>
/// Grows a thought-template library from solved problems, as Buffer of Thoughts' buffer manager grows its meta-buffer:
/// for each problem the LLM abstracts a template in the official schema (one repair request when the reply cannot be
/// used), and the template is kept only when it validates, its worked example reaches the problem's accepted answer, it
/// does not repeat a template already known, and it has a place in the library. Every decision is committed to the
/// <see cref="DistillStore"/> as it is made, so a killed run resumes where it stopped.
/// </summary>
public sealed class TemplateDistiller
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly IChatClient _client;
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embedder;
    private readonly DistillOptions _options;
    private readonly string _model;

    /// <summary>Creates a distiller.</summary>
    /// <param name="client">The distiller LLM (also the duplicate judge).</param>
    /// <param name="embedder">The embedding model of the library's index.</param>
    /// <param name="model">The distiller model's name, recorded in each template's provenance.</param>
    /// <param name="options">Settings; null for the defaults.</param>
    public TemplateDistiller(IChatClient client, IEmbeddingGenerator<string, Embedding<float>> embedder, string model, DistillOptions? options = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _embedder = embedder ?? throw new ArgumentNullException(nameof(embedder));
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _options = options ?? new DistillOptions();
        _options.Validate();
    }

    /// <summary>The manifest a store for this distillation must carry.</summary>
    public DistillManifest Manifest(TemplateLibrary library, IEnumerable<string> sources)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(sources);
        return new DistillManifest(library.ContentHash, _model, [.. sources.Select(Path.GetFullPath)], _options.Fingerprint(), DateTimeOffset.UtcNow);
    }

    /// <summary>Decides every problem of <paramref name="set"/> (up to the limit) the store does not hold yet, and summarises the store.</summary>
    public async Task<DistillSummary> RunAsync(SolvedProblemSet set, TemplateLibrary library, DistillStore store, IProgress<DistillProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(store);
        var problems = set.Problems.Take(_options.Limit ?? int.MaxValue).Select((p, i) => (Problem: p, Ordinal: i)).ToList();
        var index = await TemplateIndex.BuildAsync(library, _embedder, _options.Index, cancellationToken).ConfigureAwait(false);
        var duplicates = new DuplicateCheck(index, _client, _options);
        var placement = new TemplatePlacement(index, _embedder, _options);

        // Templates kept by earlier sessions count as known, so a resume never keeps a second copy of one.
        var earlier = store.ReadAll();
        foreach (var record in earlier.Where(r => r.Outcome == DistillOutcomes.Kept && r.Template is not null))
        {
            var template = View(JsonNode.Parse(record.Template!)!.AsObject(), record.Chapter!, record.Section!);
            duplicates.Add(template, await EmbedAsync(template, cancellationToken).ConfigureAwait(false));
        }
        var done = store.DoneKeys();
        var keys = problems.Select(p => p.Problem.Key).ToHashSet(StringComparer.Ordinal);
        var pending = problems.Where(p => !done.Contains(p.Problem.Key)).ToList();
        var counts = new Counts(earlier.Where(r => keys.Contains(r.Key) && done.Contains(r.Key)), problems.Count);
        progress?.Report(counts.Snapshot());

        using var decide = new SemaphoreSlim(1, 1);
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken }, async (item, ct) =>
        {
            DistillRecord record;
            try
            {
                var draft = await DraftAsync(item.Problem, item.Ordinal, ct).ConfigureAwait(false);
                record = draft.Record ?? await DecideAsync(item.Problem, item.Ordinal, draft, duplicates, placement, decide, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is not OutOfMemoryException)
            {
                // Stored with its error and redone on resume; one failing call must not end the run.
                record = new DistillRecord(item.Problem.Key, item.Ordinal, DistillOutcomes.Error, "error: " + ex.Message, null, null, null, false, null, null, 0);
            }
            store.Add(record);
            progress?.Report(counts.Add(record));
        }).ConfigureAwait(false);

        return DistillSummary.From(set, problems.Count, [.. store.ReadAll().Where(r => keys.Contains(r.Key))]);
    }

    private sealed record Draft(DistillRecord? Record, TemplateReply? Reply, int Calls);

    /// <summary>Asks for the template (and once more when the reply cannot be used), then checks its schema and example answer.</summary>
    private async Task<Draft> DraftAsync(SolvedProblem problem, int ordinal, CancellationToken ct)
    {
        var prompt = DistillPrompts.Fill("distill.template", ("problem", problem.Problem), ("solution", problem.Solution), ("answer", problem.Gold));
        var messages = new List<ChatMessage> { new(ChatRole.User, prompt) };
        var options = new ChatOptions { MaxOutputTokens = _options.MaxTokens, Temperature = _options.Temperature };
        var response = await _client.GetResponseAsync(messages, options, ct).ConfigureAwait(false);
        var reply = TemplateReplyParser.Parse(response.Text);
        var calls = 1;
        if (reply.Error is not null)
        {
            messages.Add(new ChatMessage(ChatRole.Assistant, Cap(response.Text)));
            messages.Add(new ChatMessage(ChatRole.User, DistillPrompts.Fill("distill.repair", ("error", reply.Error))));
            response = await _client.GetResponseAsync(messages, options, ct).ConfigureAwait(false);
            calls++;
            var repaired = TemplateReplyParser.Parse(response.Text);
            // A repair that reads worse than the first reply does not replace its diagnosis.
            reply = repaired.Unreadable && !reply.Unreadable ? reply : repaired;
        }
        DistillRecord Reject(string outcome, string reason, JsonObject? template) =>
            new(problem.Key, ordinal, outcome, reason, template?.ToJsonString(Compact), null, null, false, null, null, calls);
        if (reply.Error is not null)
            return new Draft(Reject(reply.Unreadable ? DistillOutcomes.Unreadable : DistillOutcomes.FailedCheck, reply.Unreadable ? "unreadable: " + reply.Error : reply.Error, reply.Template), reply, calls);

        var answer = reply.View!.ExampleAnswer;
        if (string.IsNullOrWhiteSpace(answer))
            return new Draft(Reject(DistillOutcomes.FailedCheck, "example has no final answer: the worked example states none", reply.Template), reply, calls);
        var verdict = Grader.Grade(problem.Gold, answer);
        if (!verdict.Equivalent)
            return new Draft(Reject(DistillOutcomes.FailedCheck, $"example answer differs from the gold: \"{Short(answer)}\" vs \"{Short(problem.Gold)}\" ({verdict.Reason})", reply.Template), reply, calls);
        return new Draft(null, reply, calls);
    }

    private async Task<DistillRecord> DecideAsync(SolvedProblem problem, int ordinal, Draft draft, DuplicateCheck duplicates, TemplatePlacement placement, SemaphoreSlim decide, CancellationToken ct)
    {
        var reply = draft.Reply!;
        var view = reply.View!;
        var vector = await EmbedAsync(view, ct).ConfigureAwait(false);
        DuplicateCheck.Finding finding;
        // One candidate at a time compares and claims its place among the known templates, so two templates distilled
        // at once cannot both pass as new; embedding before and placing after need no such order.
        await decide.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            finding = await duplicates.CheckAsync(view, vector, ct).ConfigureAwait(false);
            if (finding.DuplicateOf is null) duplicates.Add(view, vector);
        }
        finally
        {
            decide.Release();
        }
        var calls = draft.Calls + finding.JudgeCalls;
        if (finding.DuplicateOf is not null)
            return new DistillRecord(problem.Key, ordinal, DistillOutcomes.Duplicate, finding.Reason, reply.Template!.ToJsonString(Compact), null, null, false, finding.DuplicateOf, finding.Similarity, calls);

        var place = await placement.PlaceAsync(view, reply.Chapter, reply.Section, ct).ConfigureAwait(false);
        var template = reply.Template!.DeepClone().AsObject();
        template[TemplateProvenance.Field] = new TemplateProvenance(problem.Source, problem.ProblemId, _model, problem.SolverModel, place.NewSection).ToJson();
        double? similarity = double.IsFinite(finding.Similarity) ? finding.Similarity : null;
        return new DistillRecord(problem.Key, ordinal, DistillOutcomes.Kept, "", template.ToJsonString(Compact), place.Chapter, place.Section, place.NewSection, null, similarity, calls);
    }

    private async Task<float[]> EmbedAsync(ThoughtTemplate template, CancellationToken ct)
    {
        var text = TemplateIndex.FlatText(template, _options.Index.FlatFields);
        var embeddings = await _embedder.GenerateAsync([text], cancellationToken: ct).ConfigureAwait(false);
        return embeddings[0].Vector.ToArray();
    }

    /// <summary>The library's view of a stored template object.</summary>
    private static ThoughtTemplate View(JsonObject template, string chapter, string section)
    {
        var document = new JsonObject { [chapter] = new JsonObject { [section] = new JsonArray(template.DeepClone()) } };
        return TemplateLibrary.Parse(JsonSerializer.SerializeToUtf8Bytes(document), "distilled").Templates[0];
    }

    private static string Cap(string text) => text.Length <= TemplateReplyParser.MaxReplyChars ? text : text[..TemplateReplyParser.MaxReplyChars];

    private static string Short(string text)
    {
        var clean = TemplateReplyParser.CleanText(text).ReplaceLineEndings(" ");
        return clean.Length <= 60 ? clean : clean[..60] + "…";
    }

    /// <summary>Running counts for progress reports (thread-safe).</summary>
    private sealed class Counts
    {
        private readonly Lock _gate = new();
        private readonly int _total;
        private int _done, _kept, _duplicates, _failed, _unreadable, _errors;

        public Counts(IEnumerable<DistillRecord> earlier, int total)
        {
            _total = total;
            foreach (var r in earlier) Count(r);
        }

        public DistillProgress Add(DistillRecord record)
        {
            lock (_gate)
            {
                Count(record);
                return Snapshot();
            }
        }

        public DistillProgress Snapshot() => new(_done, _total, _kept, _duplicates, _failed, _unreadable, _errors);

        private void Count(DistillRecord r)
        {
            if (r.Outcome != DistillOutcomes.Error) _done++;
            switch (r.Outcome)
            {
                case DistillOutcomes.Kept: _kept++; break;
                case DistillOutcomes.Duplicate: _duplicates++; break;
                case DistillOutcomes.FailedCheck: _failed++; break;
                case DistillOutcomes.Unreadable: _unreadable++; break;
                default: _errors++; break;
            }
        }
    }
}
