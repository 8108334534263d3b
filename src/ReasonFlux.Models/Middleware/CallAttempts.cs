using Microsoft.Extensions.AI;

namespace ReasonFlux.Models.Middleware;

/// <summary>
/// How the retry layer tells the recording layer above it how many attempts a call took: a number on the response, on
/// a stream's first update, or in the data of the exception it gave up with.
/// </summary>
internal static class CallAttempts
{
    private const string Key = "reasonflux.attempts";

    public static void Stamp(ChatResponse response, int attempts) => (response.AdditionalProperties ??= [])[Key] = attempts;

    public static void Stamp(ChatResponseUpdate update, int attempts) => (update.AdditionalProperties ??= [])[Key] = attempts;

    public static void Stamp(Exception exception, int attempts) => exception.Data[Key] = attempts;

    public static int? Read(AdditionalPropertiesDictionary? properties) =>
        properties is not null && properties.TryGetValue(Key, out var value) && value is int n ? n : null;

    public static int? Read(Exception exception) => exception.Data[Key] is int n ? n : null;
}
