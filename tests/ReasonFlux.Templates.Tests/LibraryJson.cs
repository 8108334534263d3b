namespace ReasonFlux.Templates.Tests;

/// <summary>Small library documents for tests, written as text so line numbers are known.</summary>
internal static class LibraryJson
{
    public static string Template(string name, string reasonFlow = """["Write the recurrence", "Solve it"]""") => $$"""
        {
          "template_name": "{{name}}",
          "template_type": "Problem Solving Method",
          "knowledge_tag": ["Sequences"],
          "description": "A method.",
          "application_scenario": "When a sequence is defined by a recurrence",
          "reason_flow": {{reasonFlow}},
          "example_application": {"example_problem": "a_1 = 1, a_{n+1} = 2a_n. Find a_5.", "solution_steps": ["a_n = 2^{n-1}"], "final_answer": "16"}
        }
        """;

    public static string One(string name) => Wrap(Template(name));

    public static string Wrap(params string[] templates) => $$"""
        {
          "Sequences": {
            "Recurrences": [
        {{string.Join(",\n", templates)}}
            ]
          }
        }
        """;
}
