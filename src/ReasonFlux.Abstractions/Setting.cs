namespace ReasonFlux;

/// <summary>
/// One setting of a library's options, named by its options type and property (<c>SamplingOptions.Temperature</c>) so a
/// front end can say it in its own terms (a command-line flag, a config key), and in plain words for everyone else.
/// </summary>
/// <param name="Key">The options type and property, e.g. <c>SamplingOptions.Temperature</c>.</param>
/// <param name="Words">The setting in plain words, e.g. <c>temperature</c>.</param>
public sealed record Setting(string Key, string Words)
{
    /// <summary>The setting <paramref name="property"/> of <typeparamref name="TOptions"/>.</summary>
    public static Setting Of<TOptions>(string property, string words) => new($"{typeof(TOptions).Name}.{property}", words);

    /// <inheritdoc/>
    public override string ToString() => Words;
}
