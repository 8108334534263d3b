namespace ReasonFlux.Server.Api;

/// <summary>A request that fails with an OpenAI-style error body and this HTTP status.</summary>
internal sealed class ApiException(int status, string type, string message, string? param = null, string? code = null) : Exception(message)
{
    public int Status { get; } = status;
    public string Type { get; } = type;
    public string? Param { get; } = param;
    public string? Code { get; } = code;

    public static ApiException BadRequest(string message, string? param, string? code = null) => new(400, "invalid_request_error", message, param, code);

    public ErrorEnvelope ToBody() => new(new ErrorBody(Message, Type, Param, Code));
}
