using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReasonFlux.Reasoning.Flux;

namespace ReasonFlux.Training.Datasets;

/// <summary>
/// The navigator's training target in the original ReasonFlux SFT shape: its thinking in <c>&lt;think&gt;</c> tags, then
/// an object with the keys <c>Problem</c>, <c>General Knowledge Category</c>, <c>Specific Direction</c>,
/// <c>Applied Method</c>, <c>Examined Knowledge</c> and <c>reason_flow</c> (JSON, which our trajectory parser reads).
/// </summary>
public static class NavigatorTarget
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Renders the target text.</summary>
    public static string Render(string problem, string thinking, Trajectory trajectory, string? method = null)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var plan = new JsonObject
        {
            ["Problem"] = problem,
            ["General Knowledge Category"] = trajectory.Category,
            ["Specific Direction"] = trajectory.Direction,
            ["Applied Method"] = method ?? trajectory.Method,
            ["Examined Knowledge"] = new JsonArray([.. trajectory.Knowledge.Select(k => (JsonNode)JsonValue.Create(k))]),
            ["reason_flow"] = new JsonArray([.. trajectory.Steps.Select(s => (JsonNode)JsonValue.Create(s))]),
        };
        return $"<think>\n{thinking.Trim()}\n</think>\n\n{plan.ToJsonString(Options)}";
    }
}
