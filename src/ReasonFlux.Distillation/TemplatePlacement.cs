using System.Numerics.Tensors;
using Microsoft.Extensions.AI;
using ReasonFlux.Templates;

namespace ReasonFlux.Distillation;

/// <summary>
/// Places a template in the library the way the navigator finds one: hierarchical retrieval with the distiller's chapter
/// and section as category and direction and the template's name as method. The template joins the section of the best
/// hit, unless the section the distiller proposed is not like that one (below <see cref="DistillOptions.SectionSimilarity"/>):
/// then it opens the proposed section in the hit's chapter, and the placement is flagged.
/// </summary>
internal sealed class TemplatePlacement(TemplateIndex index, IEmbeddingGenerator<string, Embedding<float>> embedder, DistillOptions options)
{
    private const int MaxSectionChars = 80;

    public sealed record Place(string Chapter, string Section, bool NewSection);

    public async Task<Place> PlaceAsync(ThoughtTemplate template, string proposedChapter, string proposedSection, CancellationToken ct)
    {
        var hits = await index.SearchHierarchicalAsync(proposedChapter, proposedSection, template.Name, 1, ct).ConfigureAwait(false);
        var hit = hits[0].Template;
        var proposed = proposedSection.Length > MaxSectionChars ? proposedSection[..MaxSectionChars].Trim() : proposedSection;
        if (proposed.Length == 0 || string.Equals(proposed, hit.Section, StringComparison.OrdinalIgnoreCase)) return new Place(hit.Chapter, hit.Section, false);
        // A section of that name may already exist in the chapter (retrieval ranks sections by the name, not its spelling).
        var existing = index.Templates.FirstOrDefault(t => t.Chapter == hit.Chapter && string.Equals(t.Section, proposed, StringComparison.OrdinalIgnoreCase));
        if (existing is not null) return new Place(existing.Chapter, existing.Section, false);
        var vectors = await embedder.GenerateAsync([proposed, hit.Section], cancellationToken: ct).ConfigureAwait(false);
        var similarity = TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[1].Vector.Span);
        return similarity >= options.SectionSimilarity ? new Place(hit.Chapter, hit.Section, false) : new Place(hit.Chapter, proposed, true);
    }
}
