using ReasonFlux.Templates;

namespace ReasonFlux.Reasoning.Tests.Flux;

/// <summary>A real embedding index (MiniLM, in process) over a small library written to a temporary file, built once.</summary>
public sealed class LibraryFixture : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"flux-lib-{Guid.NewGuid():N}");

    public TemplateIndex Index { get; private set; } = null!;

    public const string LibraryJson = """
        {
          "Sequences": {
            "Recurrences": [
              {
                "template_name": "Linear Recurrence Method",
                "template_type": "Problem Solving Method",
                "knowledge_tag": ["Sequences", "Recurrence relations"],
                "description": "Solve a linear recurrence with constant coefficients through its characteristic equation.",
                "application_scenario": "A sequence is defined by a linear recurrence and a term is asked for.",
                "reason_flow": ["Write the characteristic equation", "Find its roots", "Fit the constants to the initial terms"],
                "example_application": {"example_problem": "a_1 = 1, a_{n+1} = 2a_n. Find a_5.", "solution_steps": ["a_n = 2^{n-1}"], "final_answer": "16"}
              }
            ],
            "Series": [
              {
                "template_name": "Telescoping Sum",
                "template_type": "Problem Solving Method",
                "knowledge_tag": ["Series"],
                "description": "Rewrite each term as a difference so that the sum collapses.",
                "application_scenario": ["Sums of fractions with factorable denominators"],
                "reason_flow": ["Decompose the general term", "Cancel the middle terms"],
                "example_application": "Sum 1/(k(k+1)) for k = 1..n equals 1 - 1/(n+1)."
              }
            ]
          },
          "Geometry": {
            "Triangles": [
              {
                "template_name": "Law of Cosines",
                "template_type": "Secondary Conclusion",
                "knowledge_tag": ["Triangles"],
                "description": "Relate the three sides of a triangle and one angle.",
                "application_scenario": "Two sides and the included angle are known.",
                "reason_flow": ["Identify the known sides and angle", "Apply c^2 = a^2 + b^2 - 2ab cos C"],
                "example_application": {"example_question": "a = 3, b = 4, C = 90 degrees. Find c.", "solution_process": "c^2 = 25", "answer": "5"}
              }
            ]
          }
        }
        """;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dir);
        var path = Path.Combine(_dir, "library.json");
        await File.WriteAllTextAsync(path, LibraryJson);
        Index = await TemplateIndex.BuildAsync(TemplateLibrary.Load(path), Embedders.MiniLm(), new TemplateIndexOptions { UseCache = false });
    }

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_dir, recursive: true);
        return ValueTask.CompletedTask;
    }
}
