using System.Collections.Concurrent;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Cli.Tests;

/// <summary>A one-template library and a loopback server that answers each flux role (recognised by its prompt) well-formed, for CLI tests of flux mode.</summary>
internal static class ScriptedFluxServer
{
    public const string Library = """
        {"Sequences": {"Recurrences": [{
          "template_name": "Linear Recurrence Method", "template_type": "Problem Solving Method", "knowledge_tag": ["Sequences"],
          "description": "Solve a linear recurrence through its characteristic equation.", "application_scenario": "A term of a recurrence is asked for.",
          "reason_flow": ["Write the characteristic equation", "Find its roots"], "example_application": "a_{n+1} = 2a_n gives a_n = 2^{n-1}."
        }]}}
        """;

    /// <summary>Starts the server; each answered role is added to <paramref name="roles"/>. The final answer is always 42.</summary>
    public static LoopbackChatServer Start(ConcurrentQueue<string> roles)
    {
        var server = LoopbackChatServer.Start();
        server.Responder = request =>
        {
            var prompt = request.Body;
            var (role, text) =
                prompt.Contains("design a reasoning trajectory", StringComparison.Ordinal) ? ("plan", """{"General Knowledge Category": "Sequences", "Specific Direction": "Recurrences", "Applied Method": "Linear Recurrence Method", "Examined Knowledge": [], "reason_flow": ["Set up", "Solve"]}""")
                : prompt.Contains("Rewrite your reasoning flow", StringComparison.Ordinal) ? ("adjust", """["Set up the recurrence", "Solve it"]""")
                : prompt.Contains("You are a tutor", StringComparison.Ordinal) ? ("tutor", "Do it.")
                : prompt.Contains("You are a student", StringComparison.Ordinal) ? ("student", "<think>w</think>Done: 42.")
                : prompt.Contains("checking a student's work", StringComparison.Ordinal) ? ("review", """{"decision": "continue", "score": 9}""")
                : prompt.Contains("state the final answer", StringComparison.Ordinal) ? ("answer", "\\boxed{42}")
                : ("other", "ok");
            roles.Enqueue(role);
            return LoopbackReply.Completion(text, model: "m");
        };
        return server;
    }
}
