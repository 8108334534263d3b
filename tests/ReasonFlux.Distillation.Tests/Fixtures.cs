using System.Text.Json.Nodes;
using ReasonFlux.Evaluation.Storage;
using ReasonFlux.Models.Tests.Loopback;

namespace ReasonFlux.Distillation.Tests;

/// <summary>Solved problems, scripted template replies and a real eval run folder for the distiller's tests.</summary>
internal static class Fixtures
{
    public static readonly (string Problem, string Gold, string Template)[] Novel =
    [
        ("A polygon whose vertices are lattice points has 10 lattice points strictly inside it and 8 on its boundary. What is its area?", "13",
            Template("Pick's Theorem for Lattice Polygon Areas", "Find the area of a polygon with vertices on integer grid points by counting interior and boundary lattice points.",
                ["Count the lattice points strictly inside the polygon (I)", "Count the lattice points on its boundary (B), using gcd of coordinate differences per edge", "Apply A = I + B/2 - 1"],
                "13", "Geometry", "Lattice geometry")),
        ("How many distinct necklaces of 4 beads can be made with beads of 2 colours, counting rotations as the same?", "6",
            Template("Burnside's Lemma for Counting Up to Symmetry", "Count configurations that are considered equal under a group of symmetries by averaging the fixed points of each symmetry.",
                ["List the symmetries of the object (rotations, reflections)", "For each symmetry count the colourings it leaves unchanged", "Average these counts over the group"],
                "6", "Combinatorics and Probability", "Counting with symmetry")),
        ("What is the remainder when 10! is divided by 11?", "10",
            Template("Wilson's Theorem for Factorials Modulo a Prime", "For a prime p, (p-1)! leaves remainder p-1 when divided by p, which settles factorial remainders near a prime.",
                ["Check that the modulus p is prime", "Write the factorial as (p-1)! times or divided by nearby factors", "Use (p-1)! ≡ -1 (mod p) and invert the extra factors"],
                "10", "Number Theory", "Divisibility and modular arithmetic")),
    ];

    /// <summary>A template reply body in the schema the distill prompt asks for.</summary>
    public static string Template(string name, string description, string[] steps, string answer, string chapter, string section, string? problem = null) => new JsonObject
    {
        ["template_name"] = name,
        ["template_type"] = "Problem Solving Method",
        ["knowledge_tag"] = new JsonArray("tag one", "tag two"),
        ["description"] = description,
        ["application_scenario"] = new JsonArray($"A problem where {description.ToLowerInvariant()}"),
        ["reason_flow"] = new JsonArray([.. steps.Select(s => (JsonNode)JsonValue.Create(s))]),
        ["example_application"] = new JsonObject
        {
            ["example_problem"] = problem ?? "the example problem",
            ["solution_steps"] = new JsonArray("first", "second"),
            ["final_answer"] = answer,
        },
        ["chapter"] = chapter,
        ["section"] = section,
    }.ToJsonString();

    /// <summary>An eval run folder whose samples are all graded correct (the given problems) plus one wrong one.</summary>
    public static string Run(string dir, params (string Problem, string Gold)[] problems)
    {
        var runDir = Path.Combine(dir, "run");
        var all = problems.Append((Problem: "What is 2 + 2?", Gold: "4")).ToArray();
        var manifest = RunManifest.Create("test", "sha", "direct", "solver-model", 1, new Dictionary<string, string>());
        using var store = ResultStore.Create(runDir, manifest, all.Select((p, i) => new RunProblem(i, $"p{i}", p.Problem, p.Gold, null, null)));
        for (var i = 0; i < all.Length; i++)
        {
            var wrong = i == all.Length - 1;
            var answer = wrong ? "5" : all[i].Gold;
            store.Add(new SampleRecord($"p{i}", 0, all[i].Problem, $"Working it out step by step. The answer is \\boxed{{{answer}}}.", answer, !wrong, wrong ? "different" : "equal",
                10, 10, 5, null, wrong ? FailureKinds.WrongAnswer : null));
        }
        return runDir;
    }

    /// <summary>A responder that answers each distill request by the problem it names, and judge requests with <paramref name="judgeSame"/>.</summary>
    public static Func<RecordedRequest, LoopbackReply> ByProblem(IReadOnlyDictionary<string, string> replies, bool judgeSame = false) => request =>
    {
        var prompt = request.JsonObject["messages"]![0]!["content"]!.ToString();
        if (prompt.Contains("Template B (candidate)", StringComparison.Ordinal))
            return LoopbackReply.Completion($$"""{"same_method": {{(judgeSame ? "true" : "false")}}, "reason": "scripted"}""");
        foreach (var (problem, reply) in replies)
        {
            if (prompt.Contains(problem, StringComparison.Ordinal)) return LoopbackReply.Completion(reply);
        }
        return LoopbackReply.Error(500, "no scripted reply for this problem");
    };

    /// <summary>The problem text a distill request is about, or null for other requests.</summary>
    public static string? ProblemOf(RecordedRequest request)
    {
        var prompt = request.JsonObject["messages"]![0]!["content"]!.ToString();
        return Novel.Select(n => n.Problem).FirstOrDefault(p => prompt.Contains(p, StringComparison.Ordinal));
    }
}
