namespace ReasonFlux.Reasoning.Flux;

/// <summary>Compares the keys models write ("Applied Method", "applied_method", "appliedMethod") by letters only.</summary>
internal static class Keys
{
    public static string Normalise(string key) => string.Concat(key.Where(char.IsLetter)).ToLowerInvariant();
}
