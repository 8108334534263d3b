namespace ReasonFlux.Models;

/// <summary>
/// Where <see cref="ModelLoader"/> finds the in-process backend: the provider the application registered, else the
/// one in <c>ReasonFlux.Models.Local</c> when that assembly ships with the application.
/// </summary>
public static class LocalModelProviders
{
    private const string DefaultProviderType = "ReasonFlux.Models.Local.GgufModelProvider, ReasonFlux.Models.Local";
    private static readonly Lazy<ILocalModelProvider?> Discovered = new(Discover);
    private static volatile ILocalModelProvider? _registered;

    /// <summary>Makes <paramref name="provider"/> the backend for every later in-process load.</summary>
    public static void Register(ILocalModelProvider provider) =>
        _registered = provider ?? throw new ArgumentNullException(nameof(provider));

    /// <summary>The registered or discovered provider; throws <see cref="ModelLoadException"/> when there is none.</summary>
    public static ILocalModelProvider Current =>
        _registered ?? Discovered.Value ?? throw new ModelLoadException(
            "in-process GGUF models need ReasonFlux.Models.Local, which this application does not include; use a model served over HTTP instead");

    private static ILocalModelProvider? Discover()
    {
        Type? type;
        try
        {
            type = Type.GetType(DefaultProviderType, throwOnError: false);
        }
        catch (FileLoadException)
        {
            return null;
        }
        return type is null ? null : (ILocalModelProvider?)Activator.CreateInstance(type);
    }
}
