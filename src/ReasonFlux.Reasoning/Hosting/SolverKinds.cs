namespace ReasonFlux.Reasoning.Hosting;

/// <summary>The names of <see cref="SolverKind"/> as users type them and run manifests store them.</summary>
public static class SolverKinds
{
    /// <summary>Every name, in the order help texts list them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["direct", "flux", "reference"];

    /// <summary>The lower-case name (<c>direct</c>, <c>flux</c>, <c>reference</c>).</summary>
    public static string Name(this SolverKind kind) => kind switch
    {
        SolverKind.Direct => "direct",
        SolverKind.Flux => "flux",
        SolverKind.Reference => "reference",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Reads a name; null when it is none of <see cref="Names"/>.</summary>
    public static SolverKind? TryParse(string? name) => name switch
    {
        "direct" => SolverKind.Direct,
        "flux" => SolverKind.Flux,
        "reference" => SolverKind.Reference,
        _ => null,
    };
}
