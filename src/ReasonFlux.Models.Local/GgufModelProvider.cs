namespace ReasonFlux.Models.Local;

/// <summary>
/// The LLamaSharp backend behind <see cref="ModelLoader"/>: an application registers it with
/// <see cref="LocalModelProviders.Register"/>, or it is found when this assembly ships with the application.
/// </summary>
public sealed class GgufModelProvider : ILocalModelProvider
{
    /// <inheritdoc />
    public LocalModel Load(string path, GgufModelOptions options)
    {
        var model = GgufModel.Load(path, options);
        return new LocalModel(new LocalChatClient(model), model.Id, model.Format, model);
    }
}
