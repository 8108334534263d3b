using ReasonFlux.Reasoning.Flux;

namespace ReasonFlux.Reasoning.Tests.Flux;

public sealed class TrajectoryParserTests
{
    private const string Json = """{"General Knowledge Category": "Algebra", "Specific Direction": "Quadratics", "Applied Method": "Vieta's Formulas", "Examined Knowledge": ["roots"], "reason_flow": ["Relate the roots to the coefficients", "Combine the relations"]}""";

    private static Trajectory Parse(string reply)
    {
        var plan = TrajectoryParser.Parse(reply, out var error);
        Assert.True(plan is not null, error);
        return plan;
    }

    [Fact]
    public void Reads_a_plan_after_thinking_in_a_code_fence()
    {
        var plan = Parse("<think>maybe {not this}</think>\nHere it is:\n```json\n" + Json + "\n```\nGood luck!");
        Assert.Equal("Vieta's Formulas", plan.Method);
        Assert.Equal(["Relate the roots to the coefficients", "Combine the relations"], plan.Steps);
    }

    [Fact]
    public void Reads_a_plan_surrounded_by_prose()
    {
        Assert.Equal("Algebra", Parse("Sure, the trajectory is " + Json + " and that is all.").Category);
    }

    [Fact]
    public void Accepts_trailing_commas_and_python_literals()
    {
        var plan = Parse("{'General Knowledge Category': 'Algebra', 'Applied Method': \"Vieta's Formulas\", 'Examined Knowledge': None, 'reason_flow': ['a', 'b',],}");
        Assert.Equal("Vieta's Formulas", plan.Method);
        Assert.Equal(["a", "b"], plan.Steps);
        Assert.Empty(plan.Knowledge);
    }

    [Fact]
    public void Keeps_latex_backslashes_that_json_would_read_as_escapes()
    {
        var plan = Parse("""{"Applied Method": "m", "reason_flow": ["Compute \frac{a}{b} and \theta", "Use \\sqrt{2}\nthen stop"]}""");
        Assert.Equal(@"Compute \frac{a}{b} and \theta", plan.Steps[0]);
        Assert.Equal("Use \\sqrt{2}\nthen stop", plan.Steps[1]);
    }

    [Fact]
    public void Reads_key_value_lines_with_a_numbered_flow()
    {
        var plan = Parse("""
            **General Knowledge Category:** Number Theory
            **Specific Direction:** Modular arithmetic
            **Applied Method:** Chinese Remainder Theorem
            **Examined Knowledge:** congruences, inverses
            **Reason flow:**
            1. Write the congruences
            2) Check the moduli are coprime
               and combine them
            Step 3: Solve for the residue
            """);
        Assert.Equal("Chinese Remainder Theorem", plan.Method);
        Assert.Equal(["congruences", "inverses"], plan.Knowledge);
        Assert.Equal(["Write the congruences", "Check the moduli are coprime and combine them", "Solve for the residue"], plan.Steps);
    }

    [Fact]
    public void Accepts_snake_case_keys_and_a_flow_of_objects()
    {
        var plan = Parse("""{"applied_method": "m", "reason_flow": [{"step": "one"}, {"step": "two"}]}""");
        Assert.Equal(["one", "two"], plan.Steps);
    }

    [Fact]
    public void Reads_a_plan_nested_under_another_key()
    {
        Assert.Equal("Vieta's Formulas", Parse("{\"trajectory\": " + Json + "}").Method);
    }

    [Theory]
    [InlineData("I have no idea.")]
    [InlineData("")]
    [InlineData("{\"Applied Method\": \"m\"}")]
    [InlineData("```json\n{\"reason_flow\": [\n")]
    public void Garbage_gives_an_error_and_no_plan(string reply)
    {
        Assert.Null(TrajectoryParser.Parse(reply, out var error));
        Assert.NotEmpty(error);
    }
}
