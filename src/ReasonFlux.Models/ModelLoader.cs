using Microsoft.Extensions.AI;
using ReasonFlux.Models.Formats;
using ReasonFlux.Models.Hub;
using ReasonFlux.Models.OpenAICompatible;

namespace ReasonFlux.Models;

/// <summary>
/// Turns a <see cref="ModelSpec"/> into a ready <see cref="ModelSession"/>, downloading from the hub when needed. GGUF
/// files are loaded through <see cref="LocalModelProviders"/>, so this library itself never loads LLamaSharp.
/// </summary>
public static class ModelLoader
{
    /// <summary>
    /// Opens the model. <paramref name="wrap"/> stacks middleware (retries, limits, accounting) around the backend client.
    /// </summary>
    /// <exception cref="ModelException">The model cannot be found, downloaded or loaded; the message says what to do.</exception>
    public static async Task<ModelSession> OpenAsync(
        ModelSpec spec, IProgress<DownloadProgress>? progress = null, Func<IChatClient, IChatClient>? wrap = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        wrap ??= static c => c;
        if (spec.Endpoint is not null)
        {
            IChatClient client = OpenAIEndpoint.CreateChatClient(new OpenAIEndpointOptions
            {
                Endpoint = spec.Endpoint,
                Model = spec.Model ?? "",
                ApiKey = spec.ApiKey,
                NetworkTimeout = spec.NetworkTimeout,
            });
            // A declared format is answered by the client itself, so solvers ask it rather than being told.
            if (spec.Local.ChatFormat is { } declared) client = new DeclaredFormatChatClient(client, declared);
            return new ModelSession(wrap(client), spec.Model ?? "", null, spec.Local.ChatFormat);
        }

        var path = await ResolveLocalPathAsync(spec, progress, cancellationToken).ConfigureAwait(false);
        var model = LocalModelProviders.Current.Load(path, spec.Local);
        return new ModelSession(wrap(model.Client), model.ModelId, model.Weights, model.Format);
    }

    private static async Task<string> ResolveLocalPathAsync(ModelSpec spec, IProgress<DownloadProgress>? progress, CancellationToken ct)
    {
        var name = spec.Model;
        if (name is not null && !HubFileRef.IsHubReference(name))
        {
            if (File.Exists(name) || name.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)) return name;
            throw new ModelLoadException($"'{name}' is neither a GGUF file nor an hf:OWNER/REPO/FILE.gguf reference", ModelRemedy.UseEndpoint);
        }
        var file = name is null ? DefaultModel.File : HubFileRef.Parse(name);
        using var hub = new ModelHub(spec.Hub ?? HubOptions.Resolve());
        try
        {
            return await hub.EnsureAsync(file, progress, ct).ConfigureAwait(false);
        }
        catch (ModelDownloadException ex) when (name is null)
        {
            throw new ModelDownloadException($"no model given, so the default model is needed: {ex.Problem}", ex.Remedy, ex);
        }
    }
}
