namespace ReasonFlux.Training.Datasets;

/// <summary>How long chain-of-thought examples are taken from evaluation runs.</summary>
public sealed record LongCotOptions
{
    /// <summary>
    /// Leave out replies without a thinking block. Default false: such a reply (e.g. a worked reference solution) becomes
    /// the thinking, followed by its extracted answer in <c>\boxed{}</c>.
    /// </summary>
    public bool RequireThinking { get; init; }

    /// <summary>Most examples per problem (after deduplication), first samples first. Null: all.</summary>
    public int? MaxPerProblem { get; init; }

    /// <summary>A system prompt for every example, or null.</summary>
    public string? System { get; init; }
}
