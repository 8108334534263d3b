using System.Numerics.Tensors;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ReasonFlux.Reasoning.Flux;
using ReasonFlux.Templates;

namespace ReasonFlux.Distillation;

/// <summary>
/// Finds the template a candidate is closest to, among the library (through its <see cref="TemplateIndex"/> vectors) and
/// the templates distilled so far, and decides whether it repeats it: by embedding similarity alone above
/// <see cref="DistillOptions.DuplicateSimilarity"/>, by asking the LLM judge in the band below it. Not thread-safe: the
/// distiller calls it from one problem at a time, so two templates distilled at once cannot both pass as new.
/// </summary>
internal sealed class DuplicateCheck(TemplateIndex index, IChatClient judge, DistillOptions options)
{
    private readonly List<(ThoughtTemplate Template, float[] Vector)> _distilled = [];

    /// <summary>The decision: null when the candidate is new, else why it is a duplicate and of what.</summary>
    public sealed record Finding(string? DuplicateOf, string Reason, double Similarity, int JudgeCalls);

    /// <summary>Remembers a template distilled in an earlier run or a moment ago.</summary>
    public void Add(ThoughtTemplate template, float[] vector) => _distilled.Add((template, vector));

    public async Task<Finding> CheckAsync(ThoughtTemplate candidate, float[] vector, CancellationToken ct)
    {
        var (nearest, nearestId, similarity) = Nearest(vector);
        if (nearest is null || similarity < options.JudgeSimilarity) return new Finding(null, "", similarity, 0);
        var name = Show(nearest.Name);
        if (similarity >= options.DuplicateSimilarity)
            return new Finding(nearestId, $"duplicate (embedding): similarity {similarity:0.000} to \"{name}\"", similarity, 0);

        var prompt = DistillPrompts.Fill("distill.judge", ("existing", Describe(nearest)), ("candidate", Describe(candidate)));
        var response = await judge.GetResponseAsync([new ChatMessage(ChatRole.User, prompt)], new ChatOptions { MaxOutputTokens = 256, Temperature = 0 }, ct).ConfigureAwait(false);
        var verdict = LenientJson.Values(response.Text.Length > 16_000 ? response.Text[..16_000] : response.Text).OfType<JsonObject>()
            .Select(o => o["same_method"] is JsonValue v && v.TryGetValue(out bool same) ? (bool?)same : null)
            .FirstOrDefault(v => v is not null);
        // A judge that cannot be read keeps the candidate out: a missed template costs less than a library that repeats itself.
        if (verdict is null) return new Finding(nearestId, $"duplicate (judge unreadable): similarity {similarity:0.000} to \"{name}\"", similarity, 1);
        return verdict.Value
            ? new Finding(nearestId, $"duplicate (judge): similarity {similarity:0.000} to \"{name}\", judged the same method", similarity, 1)
            : new Finding(null, "", similarity, 1);
    }

    private (ThoughtTemplate? Template, string Id, double Similarity) Nearest(float[] vector)
    {
        var hit = index.Search(vector, 1) is [var h, ..] ? h : null;
        (ThoughtTemplate? Template, string Id, double Similarity) best = hit is null ? (null, "", double.NegativeInfinity) : (hit.Template, hit.Template.Id, hit.Score);
        foreach (var (template, v) in _distilled)
        {
            var s = TensorPrimitives.CosineSimilarity(vector, v);
            if (s > best.Similarity) best = (template, "distilled:" + template.Name, s);
        }
        return best;
    }

    /// <summary>A template as the judge reads it: name, description, when to use, steps.</summary>
    internal static string Describe(ThoughtTemplate t) =>
        $"Name: {t.Name}\nDescription: {t.Description}\nWhen to use: {string.Join("; ", t.Scenarios)}\nSteps:\n{string.Join("\n", t.Steps.Select((s, i) => $"{i + 1}. {s}"))}";

    private static string Show(string name) => name.Length <= 80 ? name : name[..80] + "…";
}
