using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Formats;

/// <summary>
/// Answers <c>GetService(typeof(ChatFormat))</c> with the prompt format the user declared for a model served over HTTP,
/// so solvers learn whether replies open inside a thinking block the same way for servers as for in-process models.
/// </summary>
public sealed class DeclaredFormatChatClient(IChatClient inner, ChatFormat format) : DelegatingChatClient(inner)
{
    /// <summary>The declared format.</summary>
    public ChatFormat Format { get; } = format ?? throw new ArgumentNullException(nameof(format));

    /// <inheritdoc />
    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType == typeof(ChatFormat) ? Format : base.GetService(serviceType, serviceKey);
}
