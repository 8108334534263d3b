using System.Text.Json.Serialization;

namespace ReasonFlux.Server.Api;

/// <summary>Source-generated (reflection-free, fast) JSON for every wire type, in the API's snake_case.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(ChatCompletionBody))]
[JsonSerializable(typeof(ChatCompletion))]
[JsonSerializable(typeof(ChatCompletionChunk))]
[JsonSerializable(typeof(ModelList))]
[JsonSerializable(typeof(ModelCard))]
[JsonSerializable(typeof(ErrorEnvelope))]
[JsonSerializable(typeof(HealthBody))]
internal sealed partial class WireJson : JsonSerializerContext;
